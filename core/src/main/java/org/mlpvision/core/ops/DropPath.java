package org.mlpvision.core.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Stochastic depth ("drop path", timm semantics): in training, each sample's residual branch is
 * zeroed with probability {@code rate} and the kept ones are scaled by {@code 1 / (1 - rate)} so
 * that the expectation is unchanged; outside training it is the identity.
 */
public final class DropPath {
  private DropPath() {}

  /**
   * Applies drop path to a batch-first tensor.
   *
   * @param rate drop probability in [0, 1)
   * @param training only drops when {@code true}
   */
  public static NDArray apply(NDArray x, float rate, boolean training) {
    if (rate < 0 || rate >= 1) {
      throw new IllegalArgumentException("drop-path rate must be in [0, 1), got " + rate);
    }
    if (!training || rate == 0f) {
      return x;
    }
    float keep = 1f - rate;
    long[] maskShape = new long[x.getShape().dimension()];
    java.util.Arrays.fill(maskShape, 1);
    maskShape[0] = x.getShape().get(0);
    NDArray u = x.getManager().randomUniform(0f, 1f, new Shape(maskShape), x.getDataType());
    NDArray mask = u.lt(keep).toType(x.getDataType(), false).div(keep);
    return x.mul(mask);
  }
}
