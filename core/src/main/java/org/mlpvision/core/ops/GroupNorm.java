package org.mlpvision.core.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;

/**
 * Group normalisation of channels-first tensors, as {@code torch.nn.GroupNorm}: per sample and
 * group, mean and (biased) variance over the group's channels and all spatial positions, then a
 * per-channel scale and shift. With one group it is AS-MLP's norm, which normalises over C×H×W
 * jointly and is not a per-token LayerNorm. DJL has no group norm: this reshapes to (N, G, rest)
 * and uses the fused layer norm over the last axis.
 */
public final class GroupNorm {
  private GroupNorm() {}

  /**
   * Normalises {@code x} (N, C, ...) in {@code groups} channel groups.
   *
   * @param gamma per-channel scale (C), or {@code null} for none
   * @param beta per-channel shift (C), or {@code null} for none
   */
  public static NDArray groupNorm(NDArray x, int groups, NDArray gamma, NDArray beta, float eps) {
    Shape shape = x.getShape();
    if (shape.dimension() < 2) {
      throw new IllegalArgumentException("group norm needs (N, C, ...), got " + shape);
    }
    long n = shape.get(0);
    long c = shape.get(1);
    if (groups < 1 || c % groups != 0) {
      throw new IllegalArgumentException(
          "channels " + c + " are not divisible into " + groups + " groups");
    }
    long rest = shape.size() / Math.max(1, n) / groups;
    if (groups == 1 && gamma != null && beta != null) {
      // One fused layer norm over (C, H, W) with the per-channel affine broadcast to that shape:
      // one pass over the data instead of three (normalise, scale, shift).
      Shape perSample = shape.slice(1);
      long[] view = new long[perSample.dimension()];
      java.util.Arrays.fill(view, 1);
      view[0] = c;
      NDArray w = Operands.local(gamma.reshape(view), x).broadcast(perSample);
      NDArray b = Operands.local(beta.reshape(view), x).broadcast(perSample);
      return LayerNorm.layerNorm(x, perSample, w, b, eps).head();
    }
    NDArray grouped = x.reshape(n, groups, rest);
    try (NDManager tmp = x.getManager().newSubManager()) {
      NDArray one = tmp.ones(new Shape(rest), x.getDataType());
      NDArray zero = tmp.zeros(new Shape(rest), x.getDataType());
      NDArray normed = LayerNorm.layerNorm(grouped, new Shape(rest), one, zero, eps).head();
      return affine(normed.reshape(shape), gamma, beta);
    }
  }

  /** {@code x * gamma + beta} with (C) parameters broadcast over channels-first {@code x}. */
  static NDArray affine(NDArray x, NDArray gamma, NDArray beta) {
    int rank = x.getShape().dimension();
    long[] view = new long[rank - 1];
    java.util.Arrays.fill(view, 1);
    view[0] = x.getShape().get(1);
    NDArray y = x;
    if (gamma != null) {
      y = y.mul(Operands.local(gamma.reshape(view), x));
    }
    if (beta != null) {
      y = y.add(Operands.local(beta.reshape(view), x));
    }
    return y;
  }
}
