package org.mlpvision.core.ops;

import ai.djl.ndarray.NDArray;

/**
 * Circular (wrap-around) padding along one axis, as PyTorch's {@code F.pad(mode="circular")}: the
 * padding at the end repeats the leading entries, the padding at the start repeats the trailing
 * ones. Unlike PyTorch, a pad larger than the axis is allowed: it wraps as many times as needed
 * (modular indexing), so small inputs keep working.
 */
public final class CircularPad {
  private CircularPad() {}

  /**
   * Pads {@code before} entries at the start and {@code after} at the end of {@code axis}; entry
   * {@code j} of the result is {@code x[(j - before) mod n]}.
   */
  public static NDArray pad(NDArray x, long before, long after, int axis) {
    if (before < 0 || after < 0) {
      throw new IllegalArgumentException(
          "circular pad amounts must be >= 0, got " + before + " and " + after);
    }
    int ax = Axes.normalize(x, axis);
    long n = x.getShape().get(ax);
    if (before == 0 && after == 0) {
      return x;
    }
    if (n == 0) {
      throw new IllegalArgumentException("cannot circularly pad an empty axis " + axis);
    }
    if (before <= n && after <= n) {
      // Common case: plain slices and one concatenation.
      NDArray y = x;
      if (before > 0) {
        y = x.get(Axes.slice(x, ax, n - before, n)).concat(y, ax);
      }
      if (after > 0) {
        y = y.concat(x.get(Axes.slice(x, ax, 0, after)), ax);
      }
      return y;
    }
    long total = n + before + after;
    long[] idx = new long[Math.toIntExact(total)];
    for (int j = 0; j < idx.length; j++) {
      idx[j] = Math.floorMod(j - before, n);
    }
    NDArray indices = HostArrays.longs(x.getManager(), idx, x.getDevice());
    return x.get(Axes.pick(ax, indices));
  }

  /** Pads {@code after} entries at the end of {@code axis} (bottom rows / right columns). */
  public static NDArray padEnd(NDArray x, long after, int axis) {
    return pad(x, 0, after, axis);
  }
}
