package org.mlpvision.eval.coco;

import java.util.Arrays;
import java.util.List;

/**
 * COCOeval's {@code accumulate} for one category: precision at the 101 recall thresholds (with the
 * monotone envelope) and recall, for every IoU threshold, area range and detection limit. Undefined
 * entries stay -1.
 */
final class Accumulator {
  private static final int T = CocoParams.IOU_THRESHOLDS.length;
  private static final int R = CocoParams.RECALL_THRESHOLDS.length;
  private static final int A = CocoParams.AREA_RANGES.length;
  private static final double EPS = Math.ulp(1.0); // np.spacing(1)

  private Accumulator() {}

  /**
   * Fills category k's entries of {@code precision[t][r][k][a][m]} and {@code recall[t][k][a][m]}
   * (flattened, pre-filled with -1).
   *
   * @param evals the category's per-image results, sorted by image index
   */
  static void category(
      List<ImageCategoryEval> evals,
      int k,
      int numCategories,
      int[] maxDets,
      double[] precision,
      double[] recall) {
    if (evals.isEmpty()) {
      return; // no image had ground truth or detections of this category: all -1
    }
    int total = 0;
    for (ImageCategoryEval e : evals) {
      total += e.scores().length;
    }
    double[] scores = new double[total];
    int[] rank = new int[total];
    byte[][] flags = new byte[A * T][total];
    int p = 0;
    for (ImageCategoryEval e : evals) {
      double[] s = e.scores();
      int n = s.length;
      System.arraycopy(s, 0, scores, p, n);
      for (int d = 0; d < n; d++) {
        rank[p + d] = d;
      }
      for (int a = 0; a < A; a++) {
        for (int t = 0; t < T; t++) {
          System.arraycopy(e.flags()[a], t * n, flags[a * T + t], p, n);
        }
      }
      p += n;
    }
    // One stable descending sort serves every area range and limit: filtering a stably sorted
    // list by per-image rank gives the stable sort of the filtered concatenation.
    int[] sorted = StableSort.descending(scores);
    int nm = maxDets.length;
    int[] selected = new int[total];
    double[] pr = new double[total];
    double[] rc = new double[total];
    for (int m = 0; m < nm; m++) {
      int nd = 0;
      for (int j : sorted) {
        if (rank[j] < maxDets[m]) {
          selected[nd++] = j;
        }
      }
      for (int a = 0; a < A; a++) {
        int npig = 0;
        for (ImageCategoryEval e : evals) {
          npig += e.npig()[a];
        }
        if (npig == 0) {
          continue;
        }
        for (int t = 0; t < T; t++) {
          byte[] f = flags[a * T + t];
          double tpSum = 0;
          double fpSum = 0;
          for (int i = 0; i < nd; i++) {
            byte fj = f[selected[i]];
            if ((fj & ImageCategoryEval.IGNORED) == 0) {
              if ((fj & ImageCategoryEval.MATCHED) != 0) {
                tpSum++;
              } else {
                fpSum++;
              }
            }
            rc[i] = tpSum / npig;
            pr[i] = tpSum / (fpSum + tpSum + EPS);
          }
          int rIdx = ((t * numCategories + k) * A + a) * nm + m;
          recall[rIdx] = nd > 0 ? rc[nd - 1] : 0;
          for (int i = nd - 1; i > 0; i--) {
            if (pr[i] > pr[i - 1]) {
              pr[i - 1] = pr[i];
            }
          }
          int idx = 0;
          for (int r = 0; r < R; r++) {
            double thr = CocoParams.RECALL_THRESHOLDS[r];
            while (idx < nd && rc[idx] < thr) {
              idx++;
            }
            double q = idx < nd ? pr[idx] : 0;
            precision[(((t * R + r) * numCategories + k) * A + a) * nm + m] = q;
          }
        }
      }
    }
  }

  /** Flat index helpers for callers reading the arrays. */
  static int precisionIndex(int t, int r, int k, int a, int m, int numCategories, int nm) {
    return (((t * R + r) * numCategories + k) * A + a) * nm + m;
  }

  static int recallIndex(int t, int k, int a, int m, int numCategories, int nm) {
    return ((t * numCategories + k) * A + a) * nm + m;
  }

  static double[] minusOnes(int size) {
    double[] x = new double[size];
    Arrays.fill(x, -1);
    return x;
  }
}
