package org.mlpvision.detection.nms;

import java.util.Arrays;

/**
 * Greedy non-maximum suppression on the host over flat float arrays, class-aware: a box only
 * suppresses boxes of its own group (mmcv's {@code batched_nms}, whose coordinate-offset trick
 * means exactly this). A box is suppressed when {@code inter / union ≥ iouThr} ({@code offset=0},
 * mmcv's CPU kernel, which the golden cases follow); boxes that do not overlap, zero-area ones
 * included, never suppress each other. Order: score descending, ties by index.
 *
 * <p>Runs in the calling thread; {@code n} boxes cost one sort plus, for each kept box, one IoU
 * test per box still alive after it (suppressed boxes drop out of the candidate list).
 */
public final class BatchedNms {
  private BatchedNms() {}

  /**
   * Indices of the kept boxes, by descending score.
   *
   * @param boxes {@code n·4} corners {@code x1,y1,x2,y2}
   * @param scores {@code n} scores
   * @param groups {@code n} group ids (class or level), or {@code null} for one group
   * @param iouThr IoU at or above which a lower-scored box of the same group is dropped
   * @param maxKeep stop after this many kept boxes ({@code < 0}: no limit)
   */
  public static int[] nms(float[] boxes, float[] scores, int[] groups, double iouThr, int maxKeep) {
    int n = scores.length;
    if (boxes.length != 4 * n) {
      throw new IllegalArgumentException(
          "boxes must hold 4 values per score (" + 4 * n + "), got " + boxes.length);
    }
    if (groups != null && groups.length != n) {
      throw new IllegalArgumentException(
          "groups must hold one id per score (" + n + "), got " + groups.length);
    }
    if (!(iouThr >= 0 && iouThr <= 1)) {
      throw new IllegalArgumentException("iouThr must be in [0,1], got " + iouThr);
    }
    int[] order = orderByScore(scores);
    // Structure-of-arrays in score order: the inner loop then streams through memory.
    float[] x1 = new float[n];
    float[] y1 = new float[n];
    float[] x2 = new float[n];
    float[] y2 = new float[n];
    float[] area = new float[n];
    int[] group = new int[n];
    for (int a = 0; a < n; a++) {
      int i = order[a];
      x1[a] = boxes[4 * i];
      y1[a] = boxes[4 * i + 1];
      x2[a] = boxes[4 * i + 2];
      y2[a] = boxes[4 * i + 3];
      area[a] = (x2[a] - x1[a]) * (y2[a] - y1[a]);
      group[a] = groups == null ? 0 : groups[i];
    }
    // Candidates still alive, in score order; each kept box compacts the list, so boxes it
    // suppresses are never looked at again.
    int[] alive = new int[n];
    for (int a = 0; a < n; a++) {
      alive[a] = a;
    }
    int count = n;
    int[] keep = new int[n];
    int kept = 0;
    int limit = maxKeep < 0 ? n : maxKeep;
    float thr = (float) iouThr;
    for (int head = 0; head < count && kept < limit; head++) {
      int a = alive[head];
      keep[kept++] = order[a];
      float ax1 = x1[a];
      float ay1 = y1[a];
      float ax2 = x2[a];
      float ay2 = y2[a];
      float aa = area[a];
      int ga = group[a];
      int write = head + 1;
      for (int t = head + 1; t < count; t++) {
        int b = alive[t];
        if (!suppresses(
            ax1, ay1, ax2, ay2, aa, ga, x1[b], y1[b], x2[b], y2[b], area[b], group[b], thr)) {
          alive[write++] = b;
        }
      }
      count = write;
    }
    return Arrays.copyOf(keep, kept);
  }

  /** Whether box a suppresses box b: same group, overlapping, and {@code inter/union ≥ thr}. */
  private static boolean suppresses(
      float ax1,
      float ay1,
      float ax2,
      float ay2,
      float aa,
      int ga,
      float bx1,
      float by1,
      float bx2,
      float by2,
      float ba,
      int gb,
      float thr) {
    if (ga != gb) {
      return false;
    }
    float w = Math.min(ax2, bx2) - Math.max(ax1, bx1);
    if (w <= 0) {
      return false;
    }
    float h = Math.min(ay2, by2) - Math.max(ay1, by1);
    if (h <= 0) {
      return false;
    }
    float inter = w * h;
    return inter / (aa + ba - inter) >= thr;
  }

  /**
   * Indices sorted by descending score, ties by ascending index: one primitive sort of packed
   * (order-preserving score bits, index) keys.
   */
  static int[] orderByScore(float[] scores) {
    int n = scores.length;
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      float s = scores[i];
      if (Float.isNaN(s)) {
        throw new IllegalArgumentException("scores must not be NaN (index " + i + ")");
      }
      int bits = Float.floatToIntBits(s == 0f ? 0f : s);
      // Map float order to signed int order, then negate for descending.
      int ordered = bits >= 0 ? bits : bits ^ 0x7fffffff;
      keys[i] = ((long) ~ordered << 32) | i;
    }
    Arrays.sort(keys);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = (int) keys[i];
    }
    return order;
  }
}
