package org.mlpvision.core.loss;

import ai.djl.ndarray.NDArray;

/** The L1 loss {@code |pred - target|}, weighted and reduced as mmdet's {@code L1Loss}. */
public final class L1 {
  private L1() {}

  /** Element-wise loss of two same-shape tensors. */
  public static NDArray elementwise(NDArray pred, NDArray target) {
    requireSameShape(pred, target);
    return pred.sub(target).abs();
  }

  /** Weighted, reduced loss; see {@link Reduction#apply}. */
  public static NDArray loss(
      NDArray pred, NDArray target, NDArray weight, Reduction reduction, Double avgFactor) {
    return reduction.apply(elementwise(pred, target), weight, avgFactor);
  }

  static void requireSameShape(NDArray pred, NDArray target) {
    if (!pred.getShape().equals(target.getShape())) {
      throw new IllegalArgumentException(
          "pred and target must have the same shape, got "
              + pred.getShape()
              + " and "
              + target.getShape());
    }
  }
}
