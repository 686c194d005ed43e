package org.mlpvision.detection.nms;

import ai.djl.ndarray.NDArray;

/**
 * Final detections of one image, by descending score.
 *
 * @param boxes {@code (D,4)} corners
 * @param scores {@code (D)} class scores
 * @param labels {@code (D)} int64 class indices, {@code 0..K-1}
 */
public record Detections(NDArray boxes, NDArray scores, NDArray labels) {
  /** Number of detections. */
  public long size() {
    return scores.getShape().get(0);
  }
}
