package org.mlpvision.datasets.transform;

import java.util.List;
import java.util.Random;

/** Transforms applied in order; stops (and reports a drop) when one rejects the sample. */
public final class Pipeline implements Transform {
  private final List<Transform> steps;

  public Pipeline(List<Transform> steps) {
    this.steps = List.copyOf(steps);
  }

  /**
   * The COCO training pipeline used by the benchmark and the simple detection configs: flip 0.5,
   * resize keeping ratio to 1333x800, ImageNet normalize (RGB), pad to 32.
   */
  public static Pipeline cocoTrainSimple() {
    return new Pipeline(
        List.of(
            new RandomFlip(0.5), Resize.fixed(1333, 800), Normalize.imagenet(), Pad.toDivisor(32)));
  }

  /** The COCO test pipeline: resize to 1333x800 keeping ratio, normalize, pad to 32. */
  public static Pipeline cocoTest() {
    return new Pipeline(List.of(Resize.fixed(1333, 800), Normalize.imagenet(), Pad.toDivisor(32)));
  }

  /**
   * The ADE20K training pipeline of mmseg's config: resize (2048,512) with ratio 0.5..2, crop
   * 512x512 with cat_max_ratio 0.75, flip 0.5, photometric distortion, normalize, pad to 512x512.
   */
  public static Pipeline adeTrain() {
    return new Pipeline(
        List.of(
            new Resize(
                List.of(new int[] {2048, 512}), Resize.Mode.VALUE, new double[] {0.5, 2.0}, true),
            new RandomCrop(512, 512, 0.75, 255),
            new RandomFlip(0.5),
            new PhotoMetricDistortion(),
            Normalize.imagenet(),
            Pad.toSize(512, 512)));
  }

  public List<Transform> steps() {
    return steps;
  }

  @Override
  public boolean apply(Sample s, Random rnd) {
    for (Transform t : steps) {
      if (!t.apply(s, rnd)) {
        return false;
      }
    }
    return true;
  }
}
