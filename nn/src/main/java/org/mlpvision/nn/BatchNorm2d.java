package org.mlpvision.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.Initializer;
import org.mlpvision.core.train.BatchNormMode;
import org.mlpvision.core.train.ModalNorm;

/**
 * BatchNorm over channel axis 1 with PyTorch's names ({@code weight}, {@code bias}, {@code
 * running_mean}, {@code running_var}), eps 1e-5 and momentum 0.1. Its {@link BatchNormMode} decides
 * what happens in training: {@code TRAIN} uses batch statistics and updates the running ones;
 * {@code EVAL} (mmdet's {@code norm_eval}) keeps using the running statistics; {@code FROZEN} also
 * stops the affine parameters from learning. In inference the running statistics are used.
 */
public final class BatchNorm2d extends UnaryLayer implements ModalNorm {
  private static final float EPS = 1e-5f;
  // DJL passes (1 - momentum) to libtorch, so 0.9 here is PyTorch's momentum 0.1.
  private static final float DJL_MOMENTUM = 0.9f;
  // On PyTorch, DJL's axis -1 hands the tensor to torch's batch_norm as it is (channels on axis 1);
  // any other axis goes through a scratch manager and two transposes (half the cost of a small BN).
  private static final int TORCH_CHANNEL_AXIS = -1;

  private final int channels;
  private final Parameter gamma;
  private final Parameter beta;
  private final Parameter runningMean;
  private final Parameter runningVar;
  private BatchNormMode mode = BatchNormMode.TRAIN;

  /** A BatchNorm over {@code channels} (weight 1, bias 0, as PyTorch and mmcv initialise it). */
  public BatchNorm2d(int channels) {
    this.channels = channels;
    Shape s = new Shape(channels);
    gamma = parameter("weight", Parameter.Type.GAMMA, s, new ConstantInitializer(1f));
    beta = parameter("bias", Parameter.Type.BETA, s, Initializer.ZEROS);
    runningMean = buffer("running_mean", Parameter.Type.RUNNING_MEAN, s, Initializer.ZEROS);
    runningVar = buffer("running_var", Parameter.Type.RUNNING_VAR, s, new ConstantInitializer(1f));
  }

  @Override
  public BatchNormMode mode() {
    return mode;
  }

  @Override
  public void setMode(BatchNormMode mode) {
    this.mode = mode;
    boolean frozen = mode == BatchNormMode.FROZEN;
    // Only the affine parameters: running statistics never require gradients.
    gamma.freeze(frozen);
    beta.freeze(frozen);
  }

  /** The channel count. */
  public int channels() {
    return channels;
  }

  @Override
  protected NDArray compute(ParameterStore ps, NDArray x, boolean training) {
    boolean batchStats = training && mode == BatchNormMode.TRAIN;
    return BatchNorm.batchNorm(
            x,
            value(ps, runningMean, x, training),
            value(ps, runningVar, x, training),
            value(ps, gamma, x, training),
            value(ps, beta, x, training),
            TORCH_CHANNEL_AXIS,
            DJL_MOMENTUM,
            EPS,
            batchStats)
        .head();
  }
}
