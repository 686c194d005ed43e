package org.mlpvision.datasets.transform;

import java.util.ArrayList;
import java.util.List;
import org.mlpvision.core.config.Defaults;
import org.mlpvision.core.config.Range;

/**
 * The ADE20K pipelines of mmseg's {@code configs/_base_/datasets/ade20k.py} with their numbers as
 * config keys; absent keys take that file's values. Training: resize keeping the ratio to {@code
 * img_scale} times a ratio drawn from {@code ratio_range}; a {@code crop_size} crop redrawn up to
 * 10 times until no class covers {@code cat_max_ratio} of it; horizontal flip with {@code
 * flip_prob}; photometric distortion; normalize (RGB, ImageNet statistics); pad to {@code
 * crop_size} (label 255). Test: resize keeping the ratio to {@code img_scale}, normalize, no
 * padding.
 *
 * @param imgScale {@code [w, h]} base scale (default 2048, 512: long side up to 2048, short 512)
 * @param ratioRange {@code [min, max]} of the training scale ratio (default 0.5, 2.0)
 * @param cropSize {@code [h, w]} training crop and pad size (default 512, 512)
 * @param catMaxRatio largest share one class may cover in a crop; 1 disables redraws (0.75)
 * @param flipProb horizontal flip probability (default 0.5)
 * @param photoMetricDistortion apply mmseg's PhotoMetricDistortion (default true)
 */
public record AdePipelineConfig(
    @Range(min = 1, max = 16384) List<Integer> imgScale,
    @Range(min = 0.01, max = 100) List<Double> ratioRange,
    @Range(min = 1, max = 16384) List<Integer> cropSize,
    @Range(min = 0, max = 1) Double catMaxRatio,
    @Range(min = 0, max = 1) Double flipProb,
    Boolean photoMetricDistortion) {
  /** Fills mmseg's ADE20K values and checks the list lengths. */
  public AdePipelineConfig {
    imgScale = Defaults.list(imgScale, List.of(2048, 512));
    ratioRange = Defaults.list(ratioRange, List.of(0.5, 2.0));
    cropSize = Defaults.list(cropSize, List.of(512, 512));
    catMaxRatio = Defaults.or(catMaxRatio, 0.75);
    flipProb = Defaults.or(flipProb, 0.5);
    photoMetricDistortion = Defaults.or(photoMetricDistortion, true);
    if (imgScale.size() != 2 || cropSize.size() != 2 || ratioRange.size() != 2) {
      throw new IllegalArgumentException(
          "img_scale [w, h], ratio_range [min, max] and crop_size [h, w] need two values each");
    }
    if (ratioRange.get(0) > ratioRange.get(1)) {
      throw new IllegalArgumentException("ratio_range must be [min, max], got " + ratioRange);
    }
  }

  /** mmseg's ADE20K values. */
  public static AdePipelineConfig defaults() {
    return new AdePipelineConfig(null, null, null, null, null, null);
  }

  /** The training pipeline. */
  public Pipeline train() {
    int cropH = cropSize.get(0);
    int cropW = cropSize.get(1);
    List<Transform> steps = new ArrayList<>();
    steps.add(
        new Resize(
            List.of(new int[] {imgScale.get(0), imgScale.get(1)}),
            Resize.Mode.VALUE,
            new double[] {ratioRange.get(0), ratioRange.get(1)},
            true));
    steps.add(new RandomCrop(cropH, cropW, catMaxRatio, 255));
    steps.add(new RandomFlip(flipProb));
    if (photoMetricDistortion) {
      steps.add(new PhotoMetricDistortion());
    }
    steps.add(Normalize.imagenet());
    steps.add(Pad.toSize(cropH, cropW));
    return new Pipeline(steps);
  }

  /** The single-scale test pipeline ({@code mode='whole'} or {@code 'slide'} alike). */
  public Pipeline test() {
    return new Pipeline(
        List.of(Resize.fixed(imgScale.get(0), imgScale.get(1)), Normalize.imagenet()));
  }

  /**
   * mmseg's {@code --aug-test} views: scales {@code (int(w·r), int(h·r))} of {@code img_scale} for
   * each ratio, each with and without a horizontal flip, normalized.
   */
  public TestTimeAug augTest(double... ratios) {
    return new TestTimeAug(
        TestTimeAug.ratioScales(imgScale.get(0), imgScale.get(1), ratios),
        true,
        List.of(Normalize.imagenet()));
  }
}
