package org.mlpvision.backbone.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.Initializer;

/**
 * BatchNorm over channel axis 1 with PyTorch's names ({@code weight}, {@code bias}, {@code
 * running_mean}, {@code running_var}), eps 1e-5 and momentum 0.1. In training the batch statistics
 * are used and the running ones updated, unless {@link #setStatsFrozen} keeps it in eval mode (the
 * usual "norm_eval" of detection backbones).
 */
public final class BatchNorm2d extends Module {
  private static final float EPS = 1e-5f;
  // DJL passes (1 - momentum) to libtorch, so 0.9 here is PyTorch's momentum 0.1.
  private static final float DJL_MOMENTUM = 0.9f;

  private final int channels;
  private final Parameter gamma;
  private final Parameter beta;
  private final Parameter runningMean;
  private final Parameter runningVar;
  private boolean statsFrozen;

  /** A BatchNorm over {@code channels}. */
  public BatchNorm2d(int channels) {
    this.channels = channels;
    Shape s = new Shape(channels);
    gamma = parameter("weight", Parameter.Type.GAMMA, s, new ConstantInitializer(1f));
    beta = parameter("bias", Parameter.Type.BETA, s, Initializer.ZEROS);
    runningMean = buffer("running_mean", Parameter.Type.RUNNING_MEAN, s, Initializer.ZEROS);
    runningVar = buffer("running_var", Parameter.Type.RUNNING_VAR, s, new ConstantInitializer(1f));
  }

  /** Keeps using the running statistics (and never updates them) even in training. */
  public void setStatsFrozen(boolean frozen) {
    this.statsFrozen = frozen;
  }

  /** The channel count. */
  public int channels() {
    return channels;
  }

  @Override
  protected NDArray compute(ParameterStore ps, NDArray x, boolean training) {
    boolean batchStats = training && !statsFrozen;
    return BatchNorm.batchNorm(
            x,
            value(ps, runningMean, x, training),
            value(ps, runningVar, x, training),
            value(ps, gamma, x, training),
            value(ps, beta, x, training),
            1,
            DJL_MOMENTUM,
            EPS,
            batchStats)
        .head();
  }
}
