package org.mlpvision.datasets.classify;

import ai.djl.ndarray.NDArray;

/**
 * A batch of the synthetic set.
 *
 * @param images {@code (N, 3, S, S)} float32, normalised
 * @param labels {@code (N)} int64 class indices
 */
public record ShapeBatch(NDArray images, NDArray labels) {
  /** Number of images. */
  public int size() {
    return (int) labels.getShape().get(0);
  }
}
