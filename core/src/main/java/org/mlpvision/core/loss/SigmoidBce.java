package org.mlpvision.core.loss;

import ai.djl.ndarray.NDArray;
import org.mlpvision.core.ops.Scalars;

/**
 * Binary cross-entropy on logits, {@code max(x,0) - x·z + log(1 + exp(-|x|))}: stable for large
 * |x|, equal to PyTorch's {@code binary_cross_entropy_with_logits}. Used for the RPN objectness and
 * the mask head.
 */
public final class SigmoidBce {
  private SigmoidBce() {}

  /** Element-wise loss of {@code logits} against {@code targets} in [0,1] (same shape). */
  public static NDArray elementwise(NDArray logits, NDArray targets) {
    if (!logits.getShape().equals(targets.getShape())) {
      throw new IllegalArgumentException(
          "logits and targets must have the same shape, got "
              + logits.getShape()
              + " and "
              + targets.getShape());
    }
    NDArray z = targets.toType(logits.getDataType(), false);
    return Scalars.maximum(logits, 0).sub(logits.mul(z)).add(logits.abs().neg().exp().add(1).log());
  }

  /** Weighted, reduced loss; see {@link Reduction#apply}. */
  public static NDArray loss(
      NDArray logits, NDArray targets, NDArray weight, Reduction reduction, Double avgFactor) {
    return reduction.apply(elementwise(logits, targets), weight, avgFactor);
  }
}
