package org.mlpvision.detection.box;

import ai.djl.ndarray.NDArray;

/**
 * mmdet's {@code GIoULoss}: {@code 1 - GIoU(pred, target)} per aligned box pair, weighted and
 * reduced by an averaging factor. Boxes are absolute corners (the cascade head decodes its deltas
 * first, without clipping).
 */
public final class GiouLoss {
  private GiouLoss() {}

  /** Per-pair loss {@code 1 - GIoU}, shape {@code (N)}. */
  public static NDArray elementwise(NDArray pred, NDArray target) {
    return Boxes.alignedGiou(pred, target).neg().add(1);
  }

  /**
   * {@code lossWeight * Σ weight·(1-GIoU) / avgFactor}. With no pairs the result is a zero that is
   * still connected to {@code pred}'s graph.
   *
   * @param weight per-pair weights {@code (N)} or {@code null} for 1
   * @param avgFactor the divisor, e.g. the number of sampled RoIs; must be > 0
   */
  public static NDArray loss(
      NDArray pred, NDArray target, NDArray weight, double avgFactor, double lossWeight) {
    if (!(avgFactor > 0)) {
      throw new IllegalArgumentException("avgFactor must be > 0, got " + avgFactor);
    }
    NDArray l = elementwise(pred, target);
    if (weight != null) {
      l = l.mul(weight);
    }
    return l.sum().div(avgFactor).mul(lossWeight);
  }
}
