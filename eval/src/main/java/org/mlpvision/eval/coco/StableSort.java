package org.mlpvision.eval.coco;

import java.util.List;

/**
 * Stable index sort by score, descending, as numpy's {@code argsort(-scores, kind='mergesort')}:
 * equal scores keep their input order. Compares with {@code >} so that 0.0 and -0.0 tie, as they do
 * in numpy.
 */
final class StableSort {
  private StableSort() {}

  /** Indices of {@code scores} from highest to lowest score, ties in input order. */
  static int[] descending(double[] scores) {
    int n = scores.length;
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    if (n < 2) {
      return idx;
    }
    int[] tmp = new int[n];
    mergeSort(scores, idx, tmp, 0, n);
    return idx;
  }

  /**
   * The highest-scoring {@code limit} detections, ties in input order (cocoeval's dt sort and cut).
   */
  static Detection[] top(List<Detection> dets, int limit) {
    double[] s = new double[dets.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = dets.get(i).score();
    }
    int[] order = descending(s);
    int n = Math.min(order.length, limit);
    Detection[] out = new Detection[n];
    for (int i = 0; i < n; i++) {
      out[i] = dets.get(order[i]);
    }
    return out;
  }

  private static void mergeSort(double[] s, int[] a, int[] tmp, int lo, int hi) {
    if (hi - lo <= 16) {
      // Insertion sort: stable because it only moves past strictly smaller scores.
      for (int i = lo + 1; i < hi; i++) {
        int x = a[i];
        double v = s[x];
        int j = i - 1;
        while (j >= lo && s[a[j]] < v) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = x;
      }
      return;
    }
    int mid = (lo + hi) >>> 1;
    mergeSort(s, a, tmp, lo, mid);
    mergeSort(s, a, tmp, mid, hi);
    if (!(s[a[mid - 1]] < s[a[mid]])) {
      return; // already ordered: the right half does not start strictly higher
    }
    System.arraycopy(a, lo, tmp, lo, hi - lo);
    int i = lo;
    int j = mid;
    int k = lo;
    while (i < mid && j < hi) {
      // take from the right only when strictly higher: keeps ties in input order
      if (s[tmp[j]] > s[tmp[i]]) {
        a[k++] = tmp[j++];
      } else {
        a[k++] = tmp[i++];
      }
    }
    while (i < mid) {
      a[k++] = tmp[i++];
    }
    while (j < hi) {
      a[k++] = tmp[j++];
    }
  }
}
