package org.mlpvision.backbone.hire;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import org.mlpvision.nn.BatchNorm2d;
import org.mlpvision.nn.Conv;
import org.mlpvision.nn.Init;
import org.mlpvision.nn.Release;
import org.mlpvision.nn.UnaryLayer;

/**
 * Convolution {@code proj} → BatchNorm {@code norm} → ReLU: Hire-MLP's stem (7×7, stride 4, pad 2)
 * and its downsampling layers (3×3, stride 2, pad 1).
 */
public final class ConvNormAct extends UnaryLayer {
  private final Conv proj;
  private final BatchNorm2d norm;

  /** A conv-BN-ReLU with trunc-normal initialised weights. */
  public ConvNormAct(int in, int out, int kernel, int stride, int padding) {
    proj =
        addChildBlock(
            "proj",
            Conv.builder()
                .setChannels(in, out)
                .setKernel(kernel)
                .optStride(stride)
                .optPadding(padding)
                .optInit(Init.truncNormal(0.02))
                .build());
    norm = addChildBlock("norm", new BatchNorm2d(out));
  }

  @Override
  protected NDArray compute(ParameterStore ps, NDArray x, boolean training) {
    NDArray y = proj.apply(ps, x, training);
    y = Release.then(y, norm.apply(ps, y, training));
    return Release.then(y, Activation.relu(y));
  }

  /** The convolution. */
  public Conv proj() {
    return proj;
  }

  @Override
  public ai.djl.ndarray.types.Shape[] getOutputShapes(ai.djl.ndarray.types.Shape[] in) {
    return proj.getOutputShapes(in);
  }
}
