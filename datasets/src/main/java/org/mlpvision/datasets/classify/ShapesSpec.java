package org.mlpvision.datasets.classify;

import org.mlpvision.core.config.Defaults;
import org.mlpvision.core.config.Range;

/**
 * The synthetic shape-classification set (the {@code data} section of a classification recipe).
 *
 * @param imageSize square image side in pixels (default 32)
 * @param trainSize training images (default 4000)
 * @param valSize validation images (default 1000)
 * @param noise standard deviation of the background's pixel noise, in [0, 1] units (default 0.1)
 * @param seed generator seed; the same seed always gives the same images (default 7)
 * @param batchSize images per training batch (default 32)
 */
public record ShapesSpec(
    @Range(min = 16, max = 512) Integer imageSize,
    @Range(min = 1, max = 1_000_000) Integer trainSize,
    @Range(min = 1, max = 1_000_000) Integer valSize,
    @Range(min = 0, max = 1) Double noise,
    Long seed,
    @Range(min = 1, max = 4096) Integer batchSize) {

  /** Fills the pinned defaults. */
  public ShapesSpec {
    imageSize = Defaults.or(imageSize, 32);
    trainSize = Defaults.or(trainSize, 4000);
    valSize = Defaults.or(valSize, 1000);
    noise = Defaults.or(noise, 0.1);
    seed = Defaults.or(seed, 7L);
    batchSize = Defaults.or(batchSize, 32);
  }

  /** All defaults. */
  public static ShapesSpec defaults() {
    return new ShapesSpec(null, null, null, null, null, null);
  }

  /** Number of classes. */
  public int numClasses() {
    return ShapeClass.values().length;
  }
}
