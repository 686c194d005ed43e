package org.mlpvision.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import org.mlpvision.core.ops.Scalars;

/**
 * mmdet's smooth L1: {@code 0.5·d²/β} where {@code d = |pred - target| < β}, else {@code d - 0.5β}
 * ({@code β = 1/9} for the RPN, 1 for box heads). {@code β = 0} is plain L1.
 */
public final class SmoothL1 {
  private SmoothL1() {}

  /** Element-wise loss of two same-shape tensors. */
  public static NDArray elementwise(NDArray pred, NDArray target, double beta) {
    if (!(beta >= 0)) {
      throw new IllegalArgumentException("beta must be >= 0, got " + beta);
    }
    L1.requireSameShape(pred, target);
    NDArray d = pred.sub(target).abs();
    if (beta == 0) {
      return d;
    }
    return NDArrays.where(d.lt(beta), Scalars.mul(d.mul(d), 0.5 / beta), d.sub(0.5 * beta));
  }

  /** Weighted, reduced loss; see {@link Reduction#apply}. */
  public static NDArray loss(
      NDArray pred,
      NDArray target,
      double beta,
      NDArray weight,
      Reduction reduction,
      Double avgFactor) {
    return reduction.apply(elementwise(pred, target, beta), weight, avgFactor);
  }
}
