package org.mlpvision.core.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/** Axis bookkeeping shared by the composed ops: normalising negative axes, one-axis slices. */
final class Axes {
  private Axes() {}

  /** {@code axis} as a non-negative index into {@code x}'s shape. */
  static int normalize(NDArray x, int axis) {
    int rank = x.getShape().dimension();
    int ax = axis < 0 ? axis + rank : axis;
    if (ax < 0 || ax >= rank) {
      throw new IllegalArgumentException(
          "axis " + axis + " out of range for shape " + x.getShape());
    }
    return ax;
  }

  /** The index selecting {@code [from, to)} along {@code axis} and everything on other axes. */
  static NDIndex slice(NDArray x, int axis, long from, long to) {
    return NDIndex.sliceAxis(axis, from, to);
  }

  /** The index picking the positions {@code indices} (an int64 array) along {@code axis}. */
  static NDIndex pick(int axis, NDArray indices) {
    return new NDIndex(":, ".repeat(axis) + "{}", indices);
  }
}
