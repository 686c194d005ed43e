package org.mlpvision.core.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Exact bilinear resizing of the last two axes, equal to PyTorch's {@code F.interpolate(mode=
 * 'bilinear')} with an output size, for both {@code align_corners} settings and both directions.
 * DJL's own interpolation ignores {@code align_corners} and antialiases when downsampling, so this
 * is composed as {@code Ry · X · Rxᵀ} with 1-D interpolation matrices (two matmuls; gradients from
 * autograd), on the input's device.
 */
public final class Resize {
  private Resize() {}

  /**
   * @param x {@code (..., H, W)} with at least 2 axes
   * @param outH output height, &gt; 0
   * @param outW output width, &gt; 0
   * @param alignCorners PyTorch's {@code align_corners}
   */
  public static NDArray bilinear(NDArray x, long outH, long outW, boolean alignCorners) {
    Shape s = x.getShape();
    if (s.dimension() < 2) {
      throw new IllegalArgumentException("x must have at least 2 axes (..., H, W), got " + s);
    }
    if (outH <= 0 || outW <= 0) {
      throw new IllegalArgumentException("output size must be positive, got " + outH + "x" + outW);
    }
    long h = s.get(s.dimension() - 2);
    long w = s.get(s.dimension() - 1);
    if (h == outH && w == outW) {
      return x;
    }
    NDArray ry = matrix(x, outH, h, alignCorners);
    NDArray rxT = matrix(x, outW, w, alignCorners).transpose();
    return ry.matMul(x).matMul(rxT);
  }

  /**
   * The {@code (out, in)} interpolation matrix of one axis, in {@code like}'s type and device:
   * {@link #bilinear} is {@code matrix(outH, h) · X · matrix(outW, w)ᵀ}. Row {@code i} holds the
   * two weights of output {@code i}, in input columns that grow with {@code i}.
   *
   * @param like gives the data type, device and manager
   * @param out output length, &gt; 0
   * @param in input length, &gt; 0
   * @param alignCorners PyTorch's {@code align_corners}
   */
  public static NDArray matrix(NDArray like, long out, long in, boolean alignCorners) {
    int o = Math.toIntExact(out);
    int n = Math.toIntExact(in);
    double[] m = new double[o * n];
    double scale;
    if (alignCorners) {
      scale = o > 1 ? (double) (n - 1) / (o - 1) : 0;
    } else {
      scale = (double) n / o;
    }
    for (int i = 0; i < o; i++) {
      double src = alignCorners ? i * scale : Math.max((i + 0.5) * scale - 0.5, 0);
      int x0 = Math.min((int) src, n - 1);
      int x1 = x0 < n - 1 ? x0 + 1 : x0;
      double l1 = src - x0;
      m[i * n + x0] += 1 - l1;
      m[i * n + x1] += l1;
    }
    return HostArrays.doubles(
        like.getManager(), m, new Shape(o, n), like.getDataType(), like.getDevice());
  }
}
