package org.mlpvision.detection.assign;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Outcome of assigning boxes to ground truths, in mmdet's encoding.
 *
 * @param numGts number of ground-truth boxes
 * @param gtInds {@code (N)} int64: {@code -1} ignored, {@code 0} negative, {@code i+1} assigned to
 *     ground truth {@code i}
 * @param maxOverlaps {@code (N)} float: each box's best IoU with any ground truth
 * @param labels {@code (N)} int64: the assigned ground truth's label, {@code -1} where not positive
 */
public record AssignResult(int numGts, NDArray gtInds, NDArray maxOverlaps, NDArray labels) {

  /** Number of assigned boxes. */
  public long size() {
    return gtInds.getShape().get(0);
  }

  /**
   * mmdet's {@code add_gt_}: the ground truths themselves prepended as positives (IoU 1, their own
   * label), used when the sampler adds them as proposals.
   *
   * @param gtLabels {@code (numGts)} int64 labels
   */
  public AssignResult withGtPrepended(NDArray gtLabels) {
    if (gtLabels.getShape().dimension() != 1 || gtLabels.getShape().get(0) != numGts) {
      throw new IllegalArgumentException(
          "gtLabels must have shape (" + numGts + "), got " + gtLabels.getShape());
    }
    NDManager m = gtInds.getManager();
    NDArray selfInds = m.arange(1, numGts + 1, 1, DataType.INT64, gtInds.getDevice());
    NDArray ones = m.ones(new Shape(numGts), maxOverlaps.getDataType(), maxOverlaps.getDevice());
    return new AssignResult(
        numGts,
        NDArrays.concat(new NDList(selfInds, gtInds)),
        NDArrays.concat(new NDList(ones, maxOverlaps)),
        NDArrays.concat(new NDList(gtLabels.toType(DataType.INT64, false), labels)));
  }
}
