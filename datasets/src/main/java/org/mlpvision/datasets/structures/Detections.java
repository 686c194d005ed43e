package org.mlpvision.datasets.structures;

import ai.djl.ndarray.NDArray;

/**
 * The instances a detector found in one image, by descending score: what a {@code Detector} returns
 * in inference and what the COCO evaluator and the result writers take.
 *
 * @param boxes {@code (D, 4)} float32 {@code x1 y1 x2 y2}, in original image coordinates once a
 *     detector's test path has mapped them back
 * @param scores {@code (D)} float32 class scores
 * @param labels {@code (D)} int64 contiguous labels {@code 0..K-1}
 * @param masks {@code (D, H, W)} uint8 0/1 masks at the original image size, or null (box-only)
 */
public record Detections(NDArray boxes, NDArray scores, NDArray labels, NDArray masks) {
  /** Number of detections. */
  public long size() {
    return scores.getShape().get(0);
  }

  /** The same detections with {@code masks}. */
  public Detections withMasks(NDArray masks) {
    return new Detections(boxes, scores, labels, masks);
  }
}
