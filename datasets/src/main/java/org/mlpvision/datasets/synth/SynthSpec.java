package org.mlpvision.datasets.synth;

import java.nio.file.Path;
import org.mlpvision.core.random.Seeds;

/**
 * What to generate: {@code images} training and {@code valImages} validation images of {@code width
 * x height} into {@code out}, deterministic for a given {@code seed}.
 */
public record SynthSpec(Path out, int images, int valImages, int width, int height, long seed) {
  /** Checks the sizes. */
  public SynthSpec {
    if (images < 0 || valImages < 0) {
      throw new IllegalArgumentException(
          "image counts must be >= 0, got " + images + ", " + valImages);
    }
    if (width < 16 || height < 16 || width > 8192 || height > 8192) {
      throw new IllegalArgumentException(
          "image size must be between 16 and 8192 per side, got " + width + "x" + height);
    }
  }

  /** A per-image seed, independent of generation order. */
  long imageSeed(int split, int index) {
    return Seeds.mix(seed, split, index);
  }
}
