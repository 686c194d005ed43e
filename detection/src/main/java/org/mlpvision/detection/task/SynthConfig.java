package org.mlpvision.detection.task;

import java.nio.file.Path;
import org.mlpvision.core.config.Defaults;
import org.mlpvision.core.config.Range;
import org.mlpvision.datasets.synth.SynthSpec;

/**
 * A recipe's {@code data.synth}: the synthetic coco-shapes set ({@code vision dataset synth --kind
 * coco-shapes}) a run generates into its data root when that has no annotations yet (the demo).
 *
 * @param images training images (default 400)
 * @param valImages validation images (default 100)
 * @param width image width (default 160)
 * @param height image height (default 128)
 * @param seed generator seed (default 7)
 */
public record SynthConfig(
    @Range(min = 1, max = 1_000_000) Integer images,
    @Range(min = 1, max = 1_000_000) Integer valImages,
    @Range(min = 32, max = 8192) Integer width,
    @Range(min = 32, max = 8192) Integer height,
    Long seed) {
  /** Fills the defaults. */
  public SynthConfig {
    images = Defaults.or(images, 400);
    valImages = Defaults.or(valImages, 100);
    width = Defaults.or(width, 160);
    height = Defaults.or(height, 128);
    seed = Defaults.or(seed, 7L);
  }

  /** The generator's spec writing into {@code root}. */
  public SynthSpec spec(Path root) {
    return new SynthSpec(root, images, valImages, width, height, seed);
  }
}
