package org.mlpvision.detection.roi;

/**
 * mmdet's {@code SingleRoIExtractor.map_roi_levels}: a RoI of scale {@code sqrt(w·h)} goes to level
 * {@code floor(log2(scale/finestScale + 1e-6))}, clamped to {@code [0, numLevels-1]}.
 *
 * @param finestScale the scale that maps to level 0's upper bound (56 in mmdet)
 * @param numLevels number of pyramid levels the RoIs are pooled from
 */
public record FpnLevelMapper(double finestScale, int numLevels) {

  /** Validates the settings. */
  public FpnLevelMapper {
    if (!(finestScale > 0)) {
      throw new IllegalArgumentException("finestScale must be > 0, got " + finestScale);
    }
    if (numLevels <= 0) {
      throw new IllegalArgumentException("numLevels must be > 0, got " + numLevels);
    }
  }

  /** mmdet's default finest scale 56 over {@code numLevels} levels (four for P2..P5). */
  public static FpnLevelMapper mmdet(int numLevels) {
    return new FpnLevelMapper(56, numLevels);
  }

  /** The level of one box. */
  public int level(double x1, double y1, double x2, double y2) {
    double scale = Math.sqrt((x2 - x1) * (y2 - y1));
    double l = Math.floor(Math.log(scale / finestScale + 1e-6) / Math.log(2));
    if (Double.isNaN(l)) {
      return 0;
    }
    return (int) Math.max(0, Math.min(numLevels - 1, l));
  }

  /** Levels of host RoIs {@code (K·5)} = {@code (batch,x1,y1,x2,y2)}. */
  public int[] levels(double[] rois) {
    int k = rois.length / 5;
    int[] out = new int[k];
    for (int r = 0; r < k; r++) {
      out[r] = level(rois[5 * r + 1], rois[5 * r + 2], rois[5 * r + 3], rois[5 * r + 4]);
    }
    return out;
  }
}
