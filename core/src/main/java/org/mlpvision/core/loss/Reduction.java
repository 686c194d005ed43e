package org.mlpvision.core.loss;

import ai.djl.ndarray.NDArray;
import org.mlpvision.core.ops.Scalars;

/**
 * mmdet's {@code weight_reduce_loss}: an element-wise loss is multiplied by optional weights, then
 * reduced. Without an averaging factor, {@code MEAN} divides by the element count; with one, {@code
 * MEAN} is {@code sum / avgFactor} (the factor counts samples, not elements).
 */
public enum Reduction {
  /** Keep the element-wise loss. */
  NONE,
  /** Average, by element count or by the averaging factor. */
  MEAN,
  /** Sum; not allowed with an averaging factor. */
  SUM;

  /**
   * @param loss element-wise loss
   * @param weight weights broadcastable to {@code loss}, or {@code null}
   * @param avgFactor the divisor for {@code MEAN}, or {@code null}
   */
  public NDArray apply(NDArray loss, NDArray weight, Double avgFactor) {
    NDArray l = weight == null ? loss : loss.mul(weight);
    if (avgFactor == null) {
      return switch (this) {
        case NONE -> l;
        case SUM -> l.sum();
        case MEAN -> scale(l.sum(), 1.0 / Math.max(1, l.size()));
      };
    }
    if (!(avgFactor > 0)) {
      throw new IllegalArgumentException("avgFactor must be > 0, got " + avgFactor);
    }
    return switch (this) {
      case NONE -> l;
      case MEAN -> scale(l.sum(), 1.0 / avgFactor);
      case SUM -> throw new IllegalArgumentException("avgFactor cannot be used with reduction SUM");
    };
  }

  /**
   * {@code x · factor} in {@code x}'s own type (a float64 scalar would promote float32 results),
   * with a scalar that stays alive for the backward pass (see {@link Scalars}).
   */
  public static NDArray scale(NDArray x, double factor) {
    return Scalars.mul(x, factor);
  }
}
