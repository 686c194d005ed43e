package org.mlpvision.detection.assign;

import java.util.stream.IntStream;
import org.mlpvision.detection.box.Boxes;

/**
 * The max-IoU statistics the assigner needs, computed on the host in one fused pass over the box ×
 * ground-truth pairs (no {@code N×M} matrix is stored), ground truth by ground truth over chunks of
 * boxes. On a CPU this beats the tensor composition, whose dozen element-wise passes over the
 * {@code N×M} matrix are memory bound (measured by {@code vision bench ops}). IoU is computed
 * exactly as {@link org.mlpvision.detection.box.Boxes#iou} does in float32, so ties resolve
 * identically.
 */
final class HostMaxIou {
  /** Boxes per task: their coordinates, areas and best IoUs (24 KB) stay in L1 across the GTs. */
  private static final int CHUNK = 1024;

  private static final float EPS = (float) Boxes.EPS;

  /** Per box: best IoU. */
  final float[] maxOverlap;

  /** Per ground truth: best IoU over all boxes. */
  final float[] gtMax;

  private final float[] boxes;
  private final float[] gts;

  HostMaxIou(float[] boxes, float[] gts) {
    this.boxes = boxes;
    this.gts = gts;
    int n = boxes.length / 4;
    int m = gts.length / 4;
    maxOverlap = new float[n];
    int chunks = (n + CHUNK - 1) / CHUNK;
    float[][] partial = new float[chunks][];
    IntStream.range(0, chunks).parallel().forEach(c -> partial[c] = chunk(c * CHUNK, n, m));
    gtMax = new float[m];
    for (float[] g : partial) {
      for (int j = 0; j < m; j++) {
        gtMax[j] = Math.max(gtMax[j], g[j]);
      }
    }
  }

  /**
   * Best IoUs of boxes {@code [from, from+CHUNK)}, and this chunk's best IoU per ground truth. The
   * pass over the boxes has no branches, so the JIT vectorises it.
   */
  private float[] chunk(int from, int n, int m) {
    int len = Math.min(CHUNK, n - from);
    float[] x1 = new float[len];
    float[] y1 = new float[len];
    float[] x2 = new float[len];
    float[] y2 = new float[len];
    float[] area = new float[len];
    for (int i = 0; i < len; i++) {
      int b = 4 * (from + i);
      x1[i] = boxes[b];
      y1[i] = boxes[b + 1];
      x2[i] = boxes[b + 2];
      y2[i] = boxes[b + 3];
      area[i] = (x2[i] - x1[i]) * (y2[i] - y1[i]);
    }
    float[] best = new float[len];
    float[] g = new float[m];
    for (int j = 0; j < m; j++) {
      float bx1 = gts[4 * j];
      float by1 = gts[4 * j + 1];
      float bx2 = gts[4 * j + 2];
      float by2 = gts[4 * j + 3];
      float areaB = (bx2 - bx1) * (by2 - by1);
      float gm = 0f;
      for (int i = 0; i < len; i++) {
        float w = Math.max(Math.min(x2[i], bx2) - Math.max(x1[i], bx1), 0f);
        float h = Math.max(Math.min(y2[i], by2) - Math.max(y1[i], by1), 0f);
        float inter = w * h;
        float v = inter / Math.max(area[i] + areaB - inter, EPS);
        best[i] = Math.max(best[i], v);
        gm = Math.max(gm, v);
      }
      g[j] = gm;
    }
    System.arraycopy(best, 0, maxOverlap, from, len);
    return g;
  }

  /**
   * The first ground truth whose IoU with box {@code i} is the box's best. Only positive boxes need
   * it, a few hundred at most, so it is found by a scan rather than tracked in the pass above.
   */
  int argmax(int i) {
    int j = 0;
    while (j < gtMax.length - 1 && iou(i, j) != maxOverlap[i]) {
      j++;
    }
    return j;
  }

  /**
   * For each box, {@code 1 +} the highest eligible ground truth whose best IoU the box reaches, or
   * 0: the low-quality rule where a later ground truth overwrites an earlier one.
   */
  int[] lastBestMatch(boolean[] eligible) {
    int n = maxOverlap.length;
    int m = gtMax.length;
    float floor = Float.POSITIVE_INFINITY;
    for (int j = 0; j < m; j++) {
      if (eligible[j]) {
        floor = Math.min(floor, gtMax[j]);
      }
    }
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      // A box below every eligible GT's best IoU cannot reach any of them.
      if (maxOverlap[i] < floor) {
        continue;
      }
      for (int j = m - 1; j >= 0; j--) {
        if (eligible[j] && iou(i, j) == gtMax[j]) {
          out[i] = j + 1;
          break;
        }
      }
    }
    return out;
  }

  /** The IoU of box {@code i} and ground truth {@code j}, in the same float operations as above. */
  private float iou(int i, int j) {
    float ax1 = boxes[4 * i];
    float ay1 = boxes[4 * i + 1];
    float ax2 = boxes[4 * i + 2];
    float ay2 = boxes[4 * i + 3];
    float bx1 = gts[4 * j];
    float by1 = gts[4 * j + 1];
    float bx2 = gts[4 * j + 2];
    float by2 = gts[4 * j + 3];
    float w = Math.max(Math.min(ax2, bx2) - Math.max(ax1, bx1), 0f);
    float h = Math.max(Math.min(ay2, by2) - Math.max(ay1, by1), 0f);
    float inter = w * h;
    float areaA = (ax2 - ax1) * (ay2 - ay1);
    float areaB = (bx2 - bx1) * (by2 - by1);
    return inter / Math.max(areaA + areaB - inter, EPS);
  }
}
