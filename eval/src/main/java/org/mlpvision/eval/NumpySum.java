package org.mlpvision.eval;

/**
 * numpy's pairwise summation of a contiguous float64 array ({@code pairwise_sum_DOUBLE}: 8-way
 * unrolled blocks of up to 128, halves split at a multiple of 8), so that means agree with {@code
 * np.mean} bit for bit rather than to rounding.
 */
public final class NumpySum {
  private static final int BLOCK = 128;

  private NumpySum() {}

  /** Sum of {@code a[off .. off+n)} in numpy's order. */
  public static double pairwise(double[] a, int off, int n) {
    if (n < 8) {
      double res = 0.0;
      for (int i = 0; i < n; i++) {
        res += a[off + i];
      }
      return res;
    } else if (n <= BLOCK) {
      double[] r = new double[8];
      System.arraycopy(a, off, r, 0, 8);
      int i = 8;
      for (; i < n - (n % 8); i += 8) {
        for (int j = 0; j < 8; j++) {
          r[j] += a[off + i + j];
        }
      }
      double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
      for (; i < n; i++) {
        res += a[off + i];
      }
      return res;
    } else {
      int n2 = n / 2;
      n2 -= n2 % 8;
      return pairwise(a, off, n2) + pairwise(a, off + n2, n - n2);
    }
  }
}
