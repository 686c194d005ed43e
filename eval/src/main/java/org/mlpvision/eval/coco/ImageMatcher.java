package org.mlpvision.eval.coco;

import java.util.Arrays;

/**
 * COCOeval's {@code evaluateImg}: greedy matching of one image's detections of one category to its
 * ground truths, for every area range and IoU threshold, following cocoeval.py line by line. Area
 * ranges that ignore the same ground truths share one matching (only the last step, ignoring
 * unmatched detections outside the range, differs), which saves work on most images.
 */
final class ImageMatcher {
  private static final int A = CocoParams.AREA_RANGES.length;

  /** COCOeval's thresholds as its matching compares them: {@code min(t, 1 - 1e-10)}. */
  static final double[] COCO = thresholds(CocoParams.IOU_THRESHOLDS);

  private ImageMatcher() {}

  /** {@code min(t, 1 - 1e-10)} of each threshold (at most 16), as {@code evaluateImg} uses them. */
  static double[] thresholds(double... iouThresholds) {
    if (iouThresholds.length > 16) {
      throw new IllegalArgumentException("at most 16 IoU thresholds");
    }
    double[] out = new double[iouThresholds.length];
    for (int t = 0; t < out.length; t++) {
      out[t] = Math.min(iouThresholds[t], 1 - 1e-10);
    }
    return out;
  }

  /**
   * @param scores detection scores, already sorted descending (stable) and cut to maxDets[-1]
   * @param dtArea detection areas in the same order
   * @param gtId ground-truth annotation ids, in file order
   * @param gtArea ground-truth {@code area} fields
   * @param crowd ground-truth {@code iscrowd}
   * @param flagged ground truths flagged {@code ignore} besides crowds (the MATLAB API's {@code
   *     ignore} field, which the error analysis sets), or null for none
   * @param iou {@code iou[d*ng + g]} in the orders above
   * @param thresholds the IoU thresholds as {@link #thresholds} gives them
   */
  static ImageCategoryEval match(
      int imageIndex,
      int categoryIndex,
      double[] scores,
      double[] dtArea,
      long[] gtId,
      double[] gtArea,
      boolean[] crowd,
      boolean[] flagged,
      double[] iou,
      double[] thresholds) {
    int allT = (1 << thresholds.length) - 1;
    int n = scores.length;
    int ng = gtId.length;
    int[][] bits = new int[A][n];
    int[] npig = new int[A];
    boolean[][] ignoreOf = new boolean[A][ng];
    int[][] base = new int[A][];
    for (int a = 0; a < A; a++) {
      double lo = CocoParams.AREA_RANGES[a][0];
      double hi = CocoParams.AREA_RANGES[a][1];
      boolean[] ignore = ignoreOf[a];
      for (int g = 0; g < ng; g++) {
        ignore[g] = crowd[g] || flagged != null && flagged[g] || gtArea[g] < lo || gtArea[g] > hi;
        if (!ignore[g]) {
          npig[a]++;
        }
      }
      for (int b = 0; b < a && base[a] == null; b++) {
        if (Arrays.equals(ignoreOf[b], ignore)) {
          base[a] = base[b];
        }
      }
      if (base[a] == null) {
        base[a] = greedy(n, gtId, crowd, ignore, iou, thresholds);
      }
      // Unmatched detections (dtm == 0, which includes a match to annotation id 0) outside the
      // range are ignored.
      int[] f = bits[a];
      int[] m = base[a];
      for (int d = 0; d < n; d++) {
        int v = m[d];
        if (dtArea[d] < lo || dtArea[d] > hi) {
          v |= (~v & allT) << 16;
        }
        f[d] = v;
      }
    }
    return new ImageCategoryEval(imageIndex, categoryIndex, scores, bits, npig);
  }

  /**
   * The greedy matching for one ignore pattern: per detection, bit t set when it matched a ground
   * truth with a non-zero id at threshold t, bit 16+t when that ground truth is ignored.
   */
  private static int[] greedy(
      int n, long[] gtId, boolean[] crowd, boolean[] ignore, double[] iou, double[] thresholds) {
    int ng = gtId.length;
    int[] out = new int[n];
    if (ng == 0 || n == 0) {
      return out;
    }
    // Stable sort of ground truths: not ignored first (np.argsort(kind='mergesort')).
    int[] order = new int[ng];
    boolean[] ignoreSorted = new boolean[ng];
    int k = 0;
    for (int pass = 0; pass < 2; pass++) {
      for (int g = 0; g < ng; g++) {
        if (ignore[g] == (pass == 1)) {
          order[k] = g;
          ignoreSorted[k] = ignore[g];
          k++;
        }
      }
    }
    boolean[] taken = new boolean[ng];
    for (int t = 0; t < thresholds.length; t++) {
      Arrays.fill(taken, false);
      double threshold = thresholds[t];
      for (int d = 0; d < n; d++) {
        double best = threshold;
        int m = -1;
        int row = d * ng;
        for (int j = 0; j < ng; j++) {
          int g = order[j];
          if (taken[j] && !crowd[g]) {
            continue;
          }
          if (m > -1 && !ignoreSorted[m] && ignoreSorted[j]) {
            break;
          }
          double v = iou[row + g];
          if (v < best) {
            continue;
          }
          best = v;
          m = j;
        }
        if (m != -1) {
          taken[m] = true;
          if (gtId[order[m]] != 0) {
            out[d] |= ImageCategoryEval.MATCHED << t;
          }
          if (ignoreSorted[m]) {
            out[d] |= ImageCategoryEval.IGNORED << t;
          }
        }
      }
    }
    return out;
  }
}
