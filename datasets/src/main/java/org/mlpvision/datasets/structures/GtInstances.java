package org.mlpvision.datasets.structures;

import ai.djl.ndarray.NDArray;

/**
 * The ground-truth instances of one training image on the device, in the coordinates of the
 * transformed image ({@code img_shape}, mmdet's {@code gt_bboxes}, {@code gt_labels}, {@code
 * gt_masks}).
 *
 * @param boxes {@code (n, 4)} float32 {@code x1 y1 x2 y2}
 * @param labels {@code (n)} int64 contiguous labels {@code 0..K-1}
 * @param masks {@code (n, H, W)} uint8 0/1 bitmaps zero-padded to the batch's padded size, or null
 *     when the task has no masks
 */
public record GtInstances(NDArray boxes, NDArray labels, NDArray masks) {
  /** Checks that the arrays agree on the instance count. */
  public GtInstances {
    long n = labels.getShape().get(0);
    if (boxes.getShape().dimension() != 2
        || boxes.getShape().get(0) != n
        || boxes.getShape().get(1) != 4) {
      throw new IllegalArgumentException(
          "boxes must be (" + n + ", 4) for " + n + " labels, got " + boxes.getShape());
    }
    if (masks != null && (masks.getShape().dimension() != 3 || masks.getShape().get(0) != n)) {
      throw new IllegalArgumentException(
          "masks must be (" + n + ", H, W) for " + n + " labels, got " + masks.getShape());
    }
  }

  /** Number of instances. */
  public long size() {
    return labels.getShape().get(0);
  }
}
