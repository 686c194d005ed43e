package org.mlpvision.segmentation.heads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * PyTorch's {@code Dropout2d} on NCHW maps: in training each channel of each sample is zeroed with
 * probability {@code rate} and the kept ones are scaled by {@code 1 / (1 - rate)}; outside training
 * (or at rate 0, where mmseg builds no dropout layer) it is the identity. The draw uses the
 * engine's generator, as drop path does.
 */
public final class ChannelDropout {
  private ChannelDropout() {}

  /**
   * @param x {@code (N, C, H, W)}
   * @param rate drop probability in [0, 1)
   * @param training only drops when {@code true}
   */
  public static NDArray apply(NDArray x, float rate, boolean training) {
    if (rate < 0 || rate >= 1) {
      throw new IllegalArgumentException("dropout ratio must be in [0, 1), got " + rate);
    }
    if (!training || rate == 0f) {
      return x;
    }
    Shape s = x.getShape();
    float keep = 1f - rate;
    NDArray u =
        x.getManager().randomUniform(0f, 1f, new Shape(s.get(0), s.get(1), 1, 1), x.getDataType());
    return x.mul(u.lt(keep).toType(x.getDataType(), false).div(keep));
  }
}
