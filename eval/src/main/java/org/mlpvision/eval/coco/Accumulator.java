package org.mlpvision.eval.coco;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * COCOeval's {@code accumulate} for one category: precision at the 101 recall thresholds (with the
 * monotone envelope) and recall, for every IoU threshold, area range and detection limit. Undefined
 * entries stay -1.
 *
 * <p>Precision and recall are computed only at true positives: recall rises only there, and within
 * a run of false positives precision falls, so every envelope value cocoeval reads (the maximum of
 * the suffix from the first index reaching a recall threshold) is the precision at some true
 * positive; ignored detections repeat their neighbour's values and change nothing either. The
 * values are the same doubles as in cocoeval's full arrays.
 */
final class Accumulator {
  private static final int R = CocoParams.RECALL_THRESHOLDS.length;
  private static final int A = CocoParams.AREA_RANGES.length;
  private static final double EPS = Math.ulp(1.0); // np.spacing(1)

  private Accumulator() {}

  /**
   * Fills category k's entries of {@code precision[t][r][k][a][m]} and {@code recall[t][k][a][m]}
   * (flattened, pre-filled with -1).
   *
   * @param evals the category's per-image results (one per image, any order)
   * @param thresholds the number of IoU thresholds the results were matched at
   */
  static void category(
      List<ImageCategoryEval> evals,
      int k,
      int numCategories,
      int[] maxDets,
      int thresholds,
      double[] precision,
      double[] recall) {
    final int allIgnored = ((1 << thresholds) - 1) * ImageCategoryEval.IGNORED;
    evals = inImageOrder(evals);
    if (evals.isEmpty()) {
      return; // no image had ground truth or detections of this category: all -1
    }
    int total = 0;
    int longest = 0; // most detections any image has in this category
    int[] npig = new int[A];
    for (ImageCategoryEval e : evals) {
      total += e.scores().length;
      longest = Math.max(longest, e.scores().length);
      for (int a = 0; a < A; a++) {
        npig[a] += e.npig()[a];
      }
    }
    double[] scores = new double[total];
    int[] rank = new int[total];
    int[][] bits = new int[A][total];
    int p = 0;
    for (ImageCategoryEval e : evals) {
      double[] s = e.scores();
      int n = s.length;
      System.arraycopy(s, 0, scores, p, n);
      for (int d = 0; d < n; d++) {
        rank[p + d] = d;
      }
      for (int a = 0; a < A; a++) {
        System.arraycopy(e.bits()[a], 0, bits[a], p, n);
      }
      p += n;
    }
    // One stable descending sort serves every area range and limit: filtering a stably sorted
    // list by per-image rank gives the stable sort of the filtered concatenation.
    int[] sorted = StableSort.descending(scores);
    int[] sortedRank = new int[total];
    int[][] sortedBits = new int[A][total];
    for (int i = 0; i < total; i++) {
      int j = sorted[i];
      sortedRank[i] = rank[j];
      for (int a = 0; a < A; a++) {
        sortedBits[a][i] = bits[a][j];
      }
    }
    int nm = maxDets.length;
    double[] tp = new double[thresholds];
    double[] fp = new double[thresholds];
    int[] ntp = new int[thresholds];
    for (int a = 0; a < A; a++) {
      if (npig[a] == 0) {
        continue;
      }
      double n = npig[a];
      // true positives at most npig per threshold: each regular ground truth matches once
      double[][] prTp = new double[thresholds][npig[a]];
      double[][] rcTp = new double[thresholds][npig[a]];
      int[] b = sortedBits[a];
      int unlimited = -1; // a limit that cuts nothing; larger limits give the same numbers
      for (int m = 0; m < nm; m++) {
        int limit = maxDets[m];
        if (limit >= longest && unlimited >= 0) {
          copyLimit(unlimited, m, k, a, numCategories, nm, thresholds, precision, recall);
          continue;
        }
        if (limit >= longest) {
          unlimited = m;
        }
        Arrays.fill(tp, 0);
        Arrays.fill(fp, 0);
        Arrays.fill(ntp, 0);
        // Most detections are false positives at every threshold (bits 0) or ignored at every
        // threshold; count the former once instead of per threshold (fp[t] + allFp is the count).
        double allFp = 0;
        for (int i = 0; i < total; i++) {
          if (sortedRank[i] >= limit) {
            continue;
          }
          int v = b[i];
          if (v == 0) {
            allFp++;
            continue;
          }
          if (v == allIgnored) {
            continue;
          }
          for (int t = 0; t < thresholds; t++) {
            if ((v & (ImageCategoryEval.IGNORED << t)) != 0) {
              continue;
            }
            if ((v & (ImageCategoryEval.MATCHED << t)) != 0) {
              double tpSum = ++tp[t];
              rcTp[t][ntp[t]] = tpSum / n;
              prTp[t][ntp[t]] = tpSum / ((fp[t] + allFp) + tpSum + EPS);
              ntp[t]++;
            } else {
              fp[t]++;
            }
          }
        }
        for (int t = 0; t < thresholds; t++) {
          recall[recallIndex(t, k, a, m, numCategories, nm)] = tp[t] / n;
          double[] pr = prTp[t];
          double[] rc = rcTp[t];
          int count = ntp[t];
          for (int i = count - 1; i > 0; i--) {
            if (pr[i] > pr[i - 1]) {
              pr[i - 1] = pr[i];
            }
          }
          int idx = 0;
          for (int r = 0; r < R; r++) {
            double thr = CocoParams.RECALL_THRESHOLDS[r];
            while (idx < count && rc[idx] < thr) {
              idx++;
            }
            precision[precisionIndex(t, r, k, a, m, numCategories, nm)] = idx < count ? pr[idx] : 0;
          }
        }
      }
    }
  }

  /** The results in image order, as cocoeval concatenates them (ties in score keep this order). */
  private static List<ImageCategoryEval> inImageOrder(List<ImageCategoryEval> evals) {
    int n = evals.size();
    boolean sorted = true;
    for (int i = 1; i < n && sorted; i++) {
      sorted = evals.get(i - 1).imageIndex() < evals.get(i).imageIndex();
    }
    if (sorted) {
      return evals;
    }
    // Sort primitive keys (image, position) rather than objects through a comparator.
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = ((long) evals.get(i).imageIndex() << 32) | i;
    }
    Arrays.sort(keys);
    List<ImageCategoryEval> out = new ArrayList<>(n);
    for (long key : keys) {
      out.add(evals.get((int) key));
    }
    return out;
  }

  private static void copyLimit(
      int from,
      int to,
      int k,
      int a,
      int numCategories,
      int nm,
      int thresholds,
      double[] precision,
      double[] recall) {
    for (int t = 0; t < thresholds; t++) {
      recall[recallIndex(t, k, a, to, numCategories, nm)] =
          recall[recallIndex(t, k, a, from, numCategories, nm)];
      for (int r = 0; r < R; r++) {
        precision[precisionIndex(t, r, k, a, to, numCategories, nm)] =
            precision[precisionIndex(t, r, k, a, from, numCategories, nm)];
      }
    }
  }

  /** Flat index of {@code precision[t][r][k][a][m]}. */
  static int precisionIndex(int t, int r, int k, int a, int m, int numCategories, int nm) {
    return (((t * R + r) * numCategories + k) * A + a) * nm + m;
  }

  /** Flat index of {@code recall[t][k][a][m]}. */
  static int recallIndex(int t, int k, int a, int m, int numCategories, int nm) {
    return ((t * numCategories + k) * A + a) * nm + m;
  }

  static double[] minusOnes(int size) {
    double[] x = new double[size];
    Arrays.fill(x, -1);
    return x;
  }
}
