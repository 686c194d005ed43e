package org.mlpvision.detection.assign;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;

/**
 * The boxes of one image's {@link SamplingResult} (mmdet's {@code SamplingResult} tensors):
 * positives first, then negatives, with each positive's ground truth.
 *
 * @param posBoxes {@code (P,4)} positive boxes
 * @param negBoxes {@code (Q,4)} negative boxes
 * @param posGtBoxes {@code (P,4)} the ground-truth box of each positive
 * @param posGtLabels {@code (P)} int64 its label
 * @param posGtInds the 0-based ground-truth index of each positive
 * @param posIsGt whether each positive is a ground truth added as a proposal
 */
public record SampledBoxes(
    NDArray posBoxes,
    NDArray negBoxes,
    NDArray posGtBoxes,
    NDArray posGtLabels,
    long[] posGtInds,
    boolean[] posIsGt) {

  /**
   * Gathers the boxes a sampling picked.
   *
   * @param s the sampling of {@code proposals} (with the ground truths prepended when the sampler
   *     added them)
   * @param proposals {@code (K,4)} the boxes that were assigned, without ground truths
   * @param gtBoxes {@code (M,4)} ground truths
   * @param gtLabels {@code (M)} their labels
   */
  public static SampledBoxes of(
      SamplingResult s, NDArray proposals, NDArray gtBoxes, NDArray gtLabels) {
    NDArray all =
        s.numGtPrepended() > 0
            ? NDArrays.concat(
                new NDList(gtBoxes.toType(proposals.getDataType(), false), proposals), 0)
            : proposals;
    return new SampledBoxes(
        pick(all, s.posInds()),
        pick(all, s.negInds()),
        pick(gtBoxes.toType(proposals.getDataType(), false), s.posGtInds()),
        pick(gtLabels.toType(DataType.INT64, false), s.posGtInds()),
        s.posGtInds(),
        s.posIsGt());
  }

  private static NDArray pick(NDArray boxes, long[] inds) {
    NDArray idx = boxes.getManager().create(inds).toDevice(boxes.getDevice(), false);
    return boxes.get(idx);
  }

  /** Number of positives. */
  public int numPos() {
    return posGtInds.length;
  }

  /** Number of negatives. */
  public int numNeg() {
    return Math.toIntExact(negBoxes.getShape().get(0));
  }

  /** Positives that are ground truths added as proposals. */
  public int numPosGt() {
    int n = 0;
    for (boolean b : posIsGt) {
      n += b ? 1 : 0;
    }
    return n;
  }

  /** All sampled boxes, positives then negatives, {@code (P+Q, 4)}. */
  public NDArray boxes() {
    return NDArrays.concat(new NDList(posBoxes, negBoxes), 0);
  }
}
