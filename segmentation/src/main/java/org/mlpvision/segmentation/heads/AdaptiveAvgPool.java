package org.mlpvision.segmentation.heads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.mlpvision.core.ops.HostArrays;
import org.mlpvision.nn.UnaryLayer;

/**
 * PyTorch's {@code AdaptiveAvgPool2d(size)} on {@code (..., H, W)}: output bin {@code i} of an axis
 * of length {@code n} averages {@code [floor(i·n/size), ceil((i+1)·n/size))}, so bins overlap when
 * the map is smaller than {@code size} (a 4×5 map pooled to 6×6). An average over a rectangle is
 * the average over rows of the averages over columns, so it is composed exactly as {@code P_h · X ·
 * P_wᵀ} with two averaging matrices: device-agnostic, gradients from autograd.
 */
public final class AdaptiveAvgPool extends UnaryLayer {
  private final int size;

  /**
   * @param size output side on both axes, &gt;= 1
   */
  public AdaptiveAvgPool(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("pool size must be >= 1, got " + size);
    }
    this.size = size;
  }

  /** The output side. */
  public int size() {
    return size;
  }

  @Override
  protected NDArray compute(ParameterStore ps, NDArray x, boolean training) {
    Shape s = x.getShape();
    long h = s.get(s.dimension() - 2);
    long w = s.get(s.dimension() - 1);
    return matrix(x, size, h).matMul(x).matMul(matrix(x, size, w).transpose());
  }

  /** The {@code (out, in)} averaging matrix of one axis, in {@code like}'s type and device. */
  static NDArray matrix(NDArray like, int out, long in) {
    int n = Math.toIntExact(in);
    double[] m = new double[out * n];
    for (int i = 0; i < out; i++) {
      int start = (int) Math.floorDiv((long) i * n, out);
      int end = (int) -Math.floorDiv(-(long) (i + 1) * n, out);
      double weight = 1.0 / (end - start);
      for (int j = start; j < end; j++) {
        m[i * n + j] = weight;
      }
    }
    return HostArrays.doubles(
        like.getManager(), m, new Shape(out, n), like.getDataType(), like.getDevice());
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape s = inputShapes[0];
    return new Shape[] {new Shape(s.get(0), s.get(1), size, size)};
  }
}
