package org.mlpvision.segmentation.heads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.mlpvision.core.loss.SoftmaxCrossEntropy;
import org.mlpvision.core.ops.Resize;
import org.mlpvision.core.ops.Scalars;

/**
 * mmseg 0.11's decode-head loss ({@code BaseDecodeHead.losses}): the logits are resized bilinearly
 * to the label size first; the cross entropy with an ignore index is averaged over <b>all</b>
 * pixels, ignored ones included (they add 0 to the sum but count in the denominator), then
 * multiplied by the head's loss weight. The accuracy is the percentage of all pixels whose argmax
 * equals the label, ignored pixels counting as wrong.
 *
 * @param loss the weighted scalar loss
 * @param accuracy the scalar float64 pixel accuracy in percent (no gradient, not weighted)
 */
public record SegmentationLoss(NDArray loss, NDArray accuracy) {
  /**
   * @param logits {@code (N, K, h, w)} raw head output
   * @param labels {@code (N, H, W)} integer classes, {@code ignoreIndex} where unlabelled
   * @param ignoreIndex label value without loss (255)
   * @param alignCorners the resize's {@code align_corners}
   * @param weight the loss weight ({@code loss_decode.loss_weight})
   */
  public static SegmentationLoss of(
      NDArray logits, NDArray labels, int ignoreIndex, boolean alignCorners, double weight) {
    Shape ls = labels.getShape();
    if (ls.dimension() != 3 || logits.getShape().dimension() != 4) {
      throw new IllegalArgumentException(
          "expected logits (N,K,h,w) and labels (N,H,W), got " + logits.getShape() + " and " + ls);
    }
    NDArray y = labels.toType(DataType.INT64, false);
    long classes = logits.getShape().get(1);
    NDArray invalid = y.neq(ignoreIndex).logicalAnd(y.lt(0).logicalOr(y.gte(classes)));
    if (invalid.any().getBoolean()) {
      long bad = y.get(invalid).get(0).getLong();
      throw new IllegalArgumentException(
          "label value "
              + bad
              + " is neither a class in [0, "
              + classes
              + ") nor the ignore index "
              + ignoreIndex);
    }
    NDArray resized = Resize.bilinear(logits, ls.get(1), ls.get(2), alignCorners);
    // Scalars: a Java-owned scalar operand could be freed before the backward pass reads it.
    NDArray loss =
        Scalars.mul(SoftmaxCrossEntropy.elementwise(resized, y, ignoreIndex, null).mean(), weight);
    // Counted exactly in int64; a 0-d float64 factor would also promote a 0-d float32 loss.
    NDArray correct = resized.stopGradient().argMax(1).eq(y).toType(DataType.INT64, false).sum();
    NDArray accuracy = correct.toType(DataType.FLOAT64, false).mul(100.0 / ls.size());
    return new SegmentationLoss(loss, accuracy);
  }
}
