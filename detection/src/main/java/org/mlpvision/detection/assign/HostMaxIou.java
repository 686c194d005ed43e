package org.mlpvision.detection.assign;

import java.util.stream.IntStream;

/**
 * The max-IoU statistics the assigner needs, computed on the host in one fused pass over the box ×
 * ground-truth pairs (no {@code N×M} matrix is stored). On a CPU this beats the tensor composition,
 * whose dozen element-wise passes over the {@code N×M} matrix are memory bound (measured by {@code
 * vision bench ops}). IoU is computed exactly as {@link org.mlpvision.detection.box.Boxes#iou} does
 * in float32, so ties resolve identically.
 */
final class HostMaxIou {
  private static final int CHUNK = 8192;

  /** Per box: best IoU and the first ground truth reaching it. */
  final float[] maxOverlap;

  final int[] argmax;

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
    argmax = new int[n];
    int chunks = (n + CHUNK - 1) / CHUNK;
    float[][] partial = new float[chunks][];
    IntStream.range(0, chunks)
        .parallel()
        .forEach(
            c -> {
              float[] g = new float[m];
              int end = Math.min(n, (c + 1) * CHUNK);
              for (int i = c * CHUNK; i < end; i++) {
                float best = -1;
                int arg = 0;
                for (int j = 0; j < m; j++) {
                  float v = iou(i, j);
                  if (v > best) {
                    best = v;
                    arg = j;
                  }
                  if (v > g[j]) {
                    g[j] = v;
                  }
                }
                maxOverlap[i] = best;
                argmax[i] = arg;
              }
              partial[c] = g;
            });
    gtMax = new float[m];
    for (float[] g : partial) {
      for (int j = 0; j < m; j++) {
        gtMax[j] = Math.max(gtMax[j], g[j]);
      }
    }
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

  private float iou(int i, int j) {
    float ax1 = boxes[4 * i];
    float ax2 = boxes[4 * i + 2];
    float bx1 = gts[4 * j];
    float bx2 = gts[4 * j + 2];
    float w = Math.min(ax2, bx2) - Math.max(ax1, bx1);
    // Most pairs do not overlap; their IoU is exactly 0 under the full formula too.
    if (w <= 0) {
      return 0f;
    }
    float ay1 = boxes[4 * i + 1];
    float ay2 = boxes[4 * i + 3];
    float by1 = gts[4 * j + 1];
    float by2 = gts[4 * j + 3];
    float h = Math.min(ay2, by2) - Math.max(ay1, by1);
    if (h <= 0) {
      return 0f;
    }
    float inter = w * h;
    float areaA = (ax2 - ax1) * (ay2 - ay1);
    float areaB = (bx2 - bx1) * (by2 - by1);
    float union = Math.max(areaA + areaB - inter, (float) 1e-6);
    return inter / union;
  }
}
