package org.mlpvision.detection.roi;

/**
 * RoIAlign's bilinear sampling along one axis for one RoI, averaged over the bin's sample points: a
 * dense {@code out × length} weight matrix over the window of rows {@code [start, start+length)}.
 * Because mmcv's bilinear weight and its out-of-range rule factor into a y part and an x part, the
 * 2-D RoIAlign of a RoI is {@code Wy · F · Wxᵀ}.
 */
final class AxisWeights {
  /** First feature row (or column) of the window. */
  final int start;

  /** Window length, at least 1. */
  final int length;

  /** Weights, {@code out × length}, row-major; all zero for a degenerate RoI. */
  final double[] weights;

  private AxisWeights(int start, int length, double[] weights) {
    this.start = start;
    this.length = length;
    this.weights = weights;
  }

  /**
   * @param begin the RoI's first coordinate in feature pixels, after the alignment offset
   * @param extent the RoI's extent in feature pixels (may be ≤ 0 with aligned=True)
   * @param out number of output bins
   * @param grid sample points per bin ({@code ≤ 0}: none, the output is 0)
   * @param size feature size along this axis
   */
  static AxisWeights of(double begin, double extent, int out, int grid, int size) {
    if (grid <= 0) {
      return new AxisWeights(0, 1, new double[out]);
    }
    double bin = extent / out;
    int lo = Integer.MAX_VALUE;
    int hi = -1;
    for (int p = 0; p < out; p++) {
      for (int i = 0; i < grid; i++) {
        double v = begin + p * bin + (i + 0.5) * bin / grid;
        if (v < -1.0 || v > size) {
          continue;
        }
        int v0 = lower(v, size);
        lo = Math.min(lo, v0);
        hi = Math.max(hi, Math.min(v0 + 1, size - 1));
      }
    }
    if (hi < 0) {
      return new AxisWeights(0, 1, new double[out]);
    }
    int length = hi - lo + 1;
    double[] w = new double[out * length];
    for (int p = 0; p < out; p++) {
      for (int i = 0; i < grid; i++) {
        double v = begin + p * bin + (i + 0.5) * bin / grid;
        if (v < -1.0 || v > size) {
          continue;
        }
        if (v <= 0) {
          v = 0;
        }
        int v0 = (int) v;
        if (v0 >= size - 1) {
          w[p * length + (size - 1 - lo)] += 1.0 / grid;
          continue;
        }
        double frac = v - v0;
        w[p * length + (v0 - lo)] += (1 - frac) / grid;
        w[p * length + (v0 + 1 - lo)] += frac / grid;
      }
    }
    return new AxisWeights(lo, length, w);
  }

  /** The lower neighbour of sample {@code v} after mmcv's clamps. */
  private static int lower(double v, int size) {
    int v0 = v <= 0 ? 0 : (int) v;
    return Math.min(v0, size - 1);
  }
}
