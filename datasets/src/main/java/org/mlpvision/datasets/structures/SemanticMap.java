package org.mlpvision.datasets.structures;

import ai.djl.ndarray.NDArray;

/**
 * A segmentor's prediction for one image, at the original image size (mmseg's {@code rescale}).
 *
 * @param labels {@code (H, W)} int64 class indices {@code 0..K-1}
 * @param probabilities {@code (K, H, W)} float32 softmax probabilities, or null when only the
 *     labels were asked for
 */
public record SemanticMap(NDArray labels, NDArray probabilities) {
  /** Height of the map. */
  public long height() {
    return labels.getShape().get(0);
  }

  /** Width of the map. */
  public long width() {
    return labels.getShape().get(1);
  }
}
