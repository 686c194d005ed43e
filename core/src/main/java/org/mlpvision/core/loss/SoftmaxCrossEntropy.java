package org.mlpvision.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Softmax cross-entropy over the class axis 1 of {@code (N,C)} or {@code (N,C,H,W)} logits, with an
 * ignore index and optional class weights, like PyTorch's {@code cross_entropy(reduction='none')}:
 * ignored elements have loss 0 (and, with {@link Reduction#MEAN} and no averaging factor, still
 * count in the denominator, as mmseg 0.11 does). Detection heads put the background class last: a
 * label equal to the number of foreground classes selects the last logit column.
 */
public final class SoftmaxCrossEntropy {
  /** PyTorch's default ignore index. */
  public static final int NO_IGNORE = -100;

  private SoftmaxCrossEntropy() {}

  /**
   * Element-wise loss, shape of {@code labels}.
   *
   * @param logits {@code (N,C,...)}
   * @param labels {@code (N,...)} integer classes in {@code [0,C)} or {@code ignoreIndex}
   * @param ignoreIndex label whose elements get loss 0
   * @param classWeights {@code (C)} per-class weights, or {@code null}
   */
  public static NDArray elementwise(
      NDArray logits, NDArray labels, int ignoreIndex, NDArray classWeights) {
    Shape ls = logits.getShape();
    Shape ys = labels.getShape();
    if (ls.dimension() < 2 || ys.dimension() != ls.dimension() - 1 || ys.get(0) != ls.get(0)) {
      throw new IllegalArgumentException(
          "logits (N,C,...) and labels (N,...) do not match: " + ls + " and " + ys);
    }
    for (int d = 1; d < ys.dimension(); d++) {
      if (ys.get(d) != ls.get(d + 1)) {
        throw new IllegalArgumentException(
            "logits (N,C,...) and labels (N,...) do not match: " + ls + " and " + ys);
      }
    }
    long c = ls.get(1);
    if (classWeights != null && classWeights.getShape().size() != c) {
      throw new IllegalArgumentException(
          "classWeights must have " + c + " values, got " + classWeights.getShape());
    }
    NDArray y = labels.toType(DataType.INT64, false);
    NDArray valid = y.neq(ignoreIndex);
    NDArray safe = NDArrays.where(valid, y, y.zerosLike());
    NDArray logp = logits.logSoftmax(1);
    NDArray picked = logp.gather(safe.expandDims(1), 1).squeeze(1);
    NDArray loss = picked.neg();
    if (classWeights != null) {
      loss = loss.mul(classWeights.toType(logits.getDataType(), false).get(safe));
    }
    return loss.mul(valid.toType(logits.getDataType(), false));
  }

  /** Weighted, reduced loss; see {@link Reduction#apply}. */
  public static NDArray loss(
      NDArray logits,
      NDArray labels,
      int ignoreIndex,
      NDArray classWeights,
      NDArray weight,
      Reduction reduction,
      Double avgFactor) {
    return reduction.apply(
        elementwise(logits, labels, ignoreIndex, classWeights), weight, avgFactor);
  }
}
