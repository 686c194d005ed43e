package org.mlpvision.datasets.transform;

import java.util.Random;

/**
 * mmdet {@code RandomCrop} with {@code crop_type='absolute_range'}: crop height and width drawn
 * independently in {@code [min(size, lo), min(size, hi)]}, at a uniform offset. Boxes are shifted
 * and clipped; boxes left empty are dropped with their masks. Without {@code allowNegativeCrop} a
 * crop with no boxes left drops the sample.
 */
public final class RandomBoxCrop implements Transform {
  private final int lo;
  private final int hi;
  private final boolean allowNegativeCrop;

  public RandomBoxCrop(int lo, int hi, boolean allowNegativeCrop) {
    if (lo < 1 || hi < lo) {
      throw new IllegalArgumentException(
          "crop range must satisfy 1 <= lo <= hi, got " + lo + ", " + hi);
    }
    this.lo = lo;
    this.hi = hi;
    this.allowNegativeCrop = allowNegativeCrop;
  }

  @Override
  public boolean apply(Sample s, Random rnd) {
    int h = s.height();
    int w = s.width();
    int ch = Math.min(h, lo) + rnd.nextInt(Math.min(h, hi) - Math.min(h, lo) + 1);
    int cw = Math.min(w, lo) + rnd.nextInt(Math.min(w, hi) - Math.min(w, lo) + 1);
    int y = rnd.nextInt(Math.max(h - ch, 0) + 1);
    int x = rnd.nextInt(Math.max(w - cw, 0) + 1);
    boolean hadBoxes = s.labels().length > 0;
    Crops.crop(s, x, y, cw, ch, true);
    return allowNegativeCrop || !hadBoxes || s.labels().length > 0;
  }
}
