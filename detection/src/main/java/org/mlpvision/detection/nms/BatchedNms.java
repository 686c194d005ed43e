package org.mlpvision.detection.nms;

import java.util.Arrays;

/**
 * Greedy non-maximum suppression on the host over flat float arrays, class-aware: a box only
 * suppresses boxes of its own group (mmcv's {@code batched_nms}, whose coordinate-offset trick
 * means exactly this). A box is suppressed when {@code inter > iouThr·union} ({@code offset=0}, the
 * mmcv GPU rule). Order: score descending, ties by index.
 *
 * <p>Runs in the calling thread; {@code n} boxes cost one sort plus at most {@code n·kept} IoU
 * tests, with an early exit on boxes already suppressed.
 */
public final class BatchedNms {
  private BatchedNms() {}

  /**
   * Indices of the kept boxes, by descending score.
   *
   * @param boxes {@code n·4} corners {@code x1,y1,x2,y2}
   * @param scores {@code n} scores
   * @param groups {@code n} group ids (class or level), or {@code null} for one group
   * @param iouThr IoU above which a lower-scored box of the same group is dropped
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
    boolean[] dead = new boolean[n];
    int[] keep = new int[n];
    int kept = 0;
    int limit = maxKeep < 0 ? n : maxKeep;
    float thr = (float) iouThr;
    for (int a = 0; a < n && kept < limit; a++) {
      if (dead[a]) {
        continue;
      }
      keep[kept++] = order[a];
      float ax1 = x1[a];
      float ay1 = y1[a];
      float ax2 = x2[a];
      float ay2 = y2[a];
      float aa = area[a];
      int ga = group[a];
      for (int b = a + 1; b < n; b++) {
        if (dead[b] || group[b] != ga) {
          continue;
        }
        float w = Math.min(ax2, x2[b]) - Math.max(ax1, x1[b]);
        if (w <= 0) {
          continue;
        }
        float h = Math.min(ay2, y2[b]) - Math.max(ay1, y1[b]);
        if (h <= 0) {
          continue;
        }
        float inter = w * h;
        if (inter > thr * (aa + area[b] - inter)) {
          dead[b] = true;
        }
      }
    }
    return Arrays.copyOf(keep, kept);
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
