package org.mlpvision.eval.coco;

/**
 * COCOeval's {@code evaluateImg}: greedy matching of one image's detections of one category to its
 * ground truths, for every area range and IoU threshold, following cocoeval.py line by line.
 */
final class ImageMatcher {
  private static final int T = CocoParams.IOU_THRESHOLDS.length;
  private static final int A = CocoParams.AREA_RANGES.length;

  private ImageMatcher() {}

  /**
   * @param scores detection scores, already sorted descending (stable) and cut to maxDets[-1]
   * @param dtArea detection areas in the same order
   * @param gtId ground-truth annotation ids, in file order
   * @param gtArea ground-truth {@code area} fields
   * @param crowd ground-truth {@code iscrowd}
   * @param iou {@code iou[d*ng + g]} in the orders above
   */
  static ImageCategoryEval match(
      int imageIndex,
      int categoryIndex,
      double[] scores,
      double[] dtArea,
      long[] gtId,
      double[] gtArea,
      boolean[] crowd,
      double[] iou) {
    int n = scores.length;
    int ng = gtId.length;
    int[][] bits = new int[A][n];
    int[] npig = new int[A];
    int[] order = new int[ng];
    boolean[] ignoreSorted = new boolean[ng];
    boolean[] matchedGt = new boolean[ng];
    for (int a = 0; a < A; a++) {
      double lo = CocoParams.AREA_RANGES[a][0];
      double hi = CocoParams.AREA_RANGES[a][1];
      // Stable sort of ground truths: not ignored first (np.argsort(kind='mergesort')).
      int k = 0;
      for (int pass = 0; pass < 2; pass++) {
        for (int g = 0; g < ng; g++) {
          boolean ignore = crowd[g] || gtArea[g] < lo || gtArea[g] > hi;
          if (ignore == (pass == 1)) {
            order[k] = g;
            ignoreSorted[k] = ignore;
            k++;
          }
        }
      }
      int notIgnored = 0;
      for (int j = 0; j < ng; j++) {
        if (!ignoreSorted[j]) {
          notIgnored++;
        }
      }
      npig[a] = notIgnored;
      int[] f = bits[a];
      for (int t = 0; t < T; t++) {
        java.util.Arrays.fill(matchedGt, false);
        double threshold = Math.min(CocoParams.IOU_THRESHOLDS[t], 1 - 1e-10);
        for (int d = 0; d < n; d++) {
          double best = threshold;
          int m = -1;
          int row = d * ng;
          for (int j = 0; j < ng; j++) {
            int g = order[j];
            if (matchedGt[j] && !crowd[g]) {
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
          boolean matched = false;
          boolean ignored = false;
          if (m != -1) {
            ignored = ignoreSorted[m];
            matched = gtId[order[m]] != 0;
            matchedGt[m] = true;
          }
          if (!matched && (dtArea[d] < lo || dtArea[d] > hi)) {
            ignored = true;
          }
          if (matched) {
            f[d] |= ImageCategoryEval.MATCHED << t;
          }
          if (ignored) {
            f[d] |= ImageCategoryEval.IGNORED << t;
          }
        }
      }
    }
    return new ImageCategoryEval(imageIndex, categoryIndex, scores, bits, npig);
  }
}
