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
    // Precision and recall only at the true positives: recall rises only there, and within a run
    // of false positives precision falls, so every envelope value cocoeval reads (the maximum of
    // the suffix from the first index reaching a recall threshold) is the precision at some true
    // positive. Ignored detections repeat their neighbour's values and change nothing either.
    // The values are the same doubles as in cocoeval's full arrays.
    double[] prTp = new double[total];
    double[] rcTp = new double[total];
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
          int ntp = 0;
          for (int i = 0; i < nd; i++) {
            byte fj = f[selected[i]];
            if ((fj & ImageCategoryEval.IGNORED) == 0) {
              if ((fj & ImageCategoryEval.MATCHED) != 0) {
                tpSum++;
                rcTp[ntp] = tpSum / npig;
                prTp[ntp] = tpSum / (fpSum + tpSum + EPS);
                ntp++;
              } else {
                fpSum++;
              }
            }
          }
          recall[((t * numCategories + k) * A + a) * nm + m] = tpSum / npig;
          for (int i = ntp - 1; i > 0; i--) {
            if (prTp[i] > prTp[i - 1]) {
              prTp[i - 1] = prTp[i];
            }
          }
          int idx = 0;
          for (int r = 0; r < R; r++) {
            double thr = CocoParams.RECALL_THRESHOLDS[r];
            while (idx < ntp && rcTp[idx] < thr) {
              idx++;
            }
            double q = idx < ntp ? prTp[idx] : 0;
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
