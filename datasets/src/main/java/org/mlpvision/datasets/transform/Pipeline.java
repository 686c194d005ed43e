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

  /**
   * The same COCO training pipeline for the loader's fused collation: flip 0.5, resize to 1333x800,
   * pad shape recorded; normalization and padding happen in {@code HostBatch.collate} with {@link
   * Normalize#imagenet()}, in one pass.
   */
  public static Pipeline cocoTrainFused() {
    return new Pipeline(List.of(new RandomFlip(0.5), Resize.fixed(1333, 800), Pad.shapeOnly(32)));
  }

  /**
   * The Swin / AS-MLP 3x COCO training pipeline ({@code configs/swin/*_3x_coco.py}): flip 0.5
   * first, then AutoAugment with (a) short side one of 480..800 step 32, long side at most 1333, or
   * (b) short side one of 400/500/600, an absolute-range crop of 384..600 (negative crops allowed),
   * and again short side 480..800; then normalize and pad to 32. Resizing twice multiplies the
   * recorded scale factors.
   */
  public static Pipeline cocoTrainSwin3x() {
    int[] shorts = new int[11];
    for (int i = 0; i < shorts.length; i++) {
      shorts[i] = 480 + 32 * i;
    }
    Transform a = Resize.shortEdges(1333, shorts);
    Transform b =
        new Pipeline(
            List.of(
                Resize.shortEdges(1333, 400, 500, 600),
                new RandomBoxCrop(384, 600, true),
                Resize.shortEdges(1333, shorts)));
    return new Pipeline(
        List.of(
            new RandomFlip(0.5),
            new AutoAugment(List.of(a, b)),
            Normalize.imagenet(),
            Pad.toDivisor(32)));
  }

  /** The COCO test pipeline: resize to 1333x800 keeping ratio, normalize, pad to 32. */
  public static Pipeline cocoTest() {
    return new Pipeline(List.of(Resize.fixed(1333, 800), Normalize.imagenet(), Pad.toDivisor(32)));
  }

  /** The ADE20K training pipeline of mmseg's config ({@link AdePipelineConfig#defaults()}). */
  public static Pipeline adeTrain() {
    return AdePipelineConfig.defaults().train();
  }

  /** The ADE20K test pipeline ({@link AdePipelineConfig#defaults()}). */
  public static Pipeline adeTest() {
    return AdePipelineConfig.defaults().test();
  }

  /** The steps, in order. */
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
