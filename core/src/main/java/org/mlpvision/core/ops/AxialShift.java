package org.mlpvision.core.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;

/**
 * AS-MLP's axial shift with zero fill: channels are split into groups of {@code ceil(C / s)} (the
 * last one smaller, as {@code torch.chunk}), and group {@code k} is shifted by {@code d_k = k -
 * floor(s/2)} along one spatial axis: {@code y[c, i] = x[c, i - d_k]} where that index exists and
 * zero elsewhere. Nothing wraps around. The backward of the shift is the opposite shift with zero
 * fill, which autograd derives from the pad and slices used here.
 */
public final class AxialShift {
  private AxialShift() {}

  /**
   * Shifts the channel groups of an NCHW (or any channel-axis-1) tensor along {@code axis}.
   *
   * @param x tensor with channels on axis 1
   * @param shiftSize the number of groups and offsets, {@code s >= 1}
   * @param axis the spatial axis to shift along (2 = height, 3 = width for NCHW)
   */
  public static NDArray shift(NDArray x, int shiftSize, int axis) {
    if (shiftSize < 1) {
      throw new IllegalArgumentException("shift size must be >= 1, got " + shiftSize);
    }
    int ax = Axes.normalize(x, axis);
    if (ax == 1) {
      throw new IllegalArgumentException("the axial shift moves along a spatial axis, not axis 1");
    }
    int pad = shiftSize / 2;
    if (pad == 0) {
      return x;
    }
    long n = x.getShape().get(ax);
    int[] sizes = groupSizes(x.getShape().get(1), shiftSize);
    long[] padSpec = new long[2 * x.getShape().dimension()];
    int slot = 2 * (x.getShape().dimension() - 1 - ax); // torch order: last axis first
    padSpec[slot] = pad;
    padSpec[slot + 1] = pad;
    NDArray padded = x.pad(new ai.djl.ndarray.types.Shape(padSpec), 0);
    NDList parts = new NDList(sizes.length);
    long c0 = 0;
    for (int k = 0; k < sizes.length; k++) {
      long start = pad - (k - pad); // y[i] = padded[i + pad - d_k]
      // One basic index (channel range and spatial window together) per group: one native call.
      NDIndex window = new NDIndex().addAllDim().addSliceDim(c0, c0 + sizes[k]);
      for (int a = 2; a < ax; a++) {
        window.addAllDim();
      }
      parts.add(padded.get(window.addSliceDim(start, start + n)));
      c0 += sizes[k];
    }
    return parts.size() == 1 ? parts.singletonOrThrow() : NDArrays.concat(parts, 1);
  }

  /**
   * Channel group sizes of {@code torch.chunk(C, s)}: {@code ceil(C/s)} each, the last one smaller;
   * fewer than {@code s} groups when {@code C} is small (16 channels, s = 5: four groups of 4).
   */
  public static int[] groupSizes(long channels, int shiftSize) {
    if (channels < 1 || shiftSize < 1) {
      throw new IllegalArgumentException(
          "need channels >= 1 and shift size >= 1, got " + channels + ", " + shiftSize);
    }
    long g = (channels + shiftSize - 1) / shiftSize;
    int count = Math.toIntExact((channels + g - 1) / g);
    int[] sizes = new int[count];
    for (int k = 0; k < count; k++) {
      sizes[k] = Math.toIntExact(Math.min(g, channels - k * g));
    }
    return sizes;
  }
}
