package org.mlpvision.core.ops;

import ai.djl.ndarray.NDArray;

/**
 * Circular shift along one axis, {@code torch.roll} semantics: {@code y[i] = x[(i - shift) mod n]},
 * so a positive shift moves content toward larger indices. DJL has no roll, so it is two slices and
 * a concatenation (autograd flows through both).
 */
public final class Roll {
  private Roll() {}

  /**
   * Rolls {@code x} by {@code shift} positions along {@code axis}.
   *
   * @param shift any integer; reduced modulo the axis length
   * @param axis a non-negative axis index or a negative one counted from the end
   */
  public static NDArray roll(NDArray x, long shift, int axis) {
    int ax = Axes.normalize(x, axis);
    long n = x.getShape().get(ax);
    if (n == 0) {
      return x;
    }
    long s = Math.floorMod(shift, n);
    if (s == 0) {
      return x;
    }
    NDArray tail = x.get(Axes.slice(x, ax, n - s, n));
    NDArray head = x.get(Axes.slice(x, ax, 0, n - s));
    return tail.concat(head, ax);
  }

  /** Rolls along several axes, one after the other. */
  public static NDArray roll(NDArray x, long[] shifts, int[] axes) {
    if (shifts.length != axes.length) {
      throw new IllegalArgumentException(
          "roll needs one shift per axis, got " + shifts.length + " shifts and " + axes.length);
    }
    NDArray y = x;
    for (int i = 0; i < axes.length; i++) {
      y = roll(y, shifts[i], axes[i]);
    }
    return y;
  }
}
