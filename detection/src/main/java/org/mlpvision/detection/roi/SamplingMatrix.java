package org.mlpvision.detection.roi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import org.mlpvision.core.ops.HostArrays;

/**
 * RoIAlign as one sparse matrix product: {@code out (K·outH·outW, C) = S · table (N·H·W, C)}, where
 * row {@code (k, p, q)} of {@code S} holds the bilinear weights {@code Wy[p][y]·Wx[q][x]} of RoI
 * {@code k}'s bin at the pixels its samples touch (a few dozen per row). Autograd differentiates
 * the product with respect to the table ({@code Sᵀ · grad}), so no window is ever gathered or
 * padded, and the whole extraction is one operator on any device.
 */
final class SamplingMatrix {
  private SamplingMatrix() {}

  /**
   * Pools RoIs with samplings {@code s} from {@code table}, the channels-last copy of a map of
   * shape {@code (N,C,H,W)}; returns {@code (K,C,outH,outW)}.
   */
  static NDArray pool(
      NDArray table, Shape featureShape, RoiAlign.Sampling[] s, int outH, int outW) {
    long h = featureShape.get(2);
    long w = featureShape.get(3);
    int k = s.length;
    int nnz = 0;
    for (RoiAlign.Sampling r : s) {
      nnz += nonzeros(r.y(), outH) * nonzeros(r.x(), outW);
    }
    // Indices as one (2, nnz) array: rows first, then columns; values in the table's type.
    long[] indices = new long[2 * nnz];
    double[] values = new double[nnz];
    int t = 0;
    for (int r = 0; r < k; r++) {
      AxisWeights ay = s[r].y();
      AxisWeights ax = s[r].x();
      long base = s[r].batch() * h;
      for (int p = 0; p < outH; p++) {
        for (int q = 0; q < outW; q++) {
          long row = ((long) r * outH + p) * outW + q;
          for (int i = 0; i < ay.length; i++) {
            double a = ay.weights[p * ay.length + i];
            if (a == 0) {
              continue;
            }
            long pixelRow = (base + ay.start + i) * w + ax.start;
            for (int j = 0; j < ax.length; j++) {
              double b = ax.weights[q * ax.length + j];
              if (b == 0) {
                continue;
              }
              indices[t] = row;
              indices[nnz + t] = pixelRow + j;
              values[t] = a * b;
              t++;
            }
          }
        }
      }
    }
    NDManager mgr = table.getManager();
    // Both made as tensors libtorch owns (HostArrays): DJL's createCoo frees the Java buffers of
    // its
    // temporary index and value arrays while the sparse tensor still points into them, which showed
    // as garbage column indices in the backward pass.
    NDArray idx = HostArrays.longs(mgr, indices, new Shape(2, nnz), table.getDevice());
    NDArray val =
        HostArrays.doubles(mgr, values, new Shape(nnz), table.getDataType(), table.getDevice());
    Shape shape = new Shape((long) k * outH * outW, featureShape.get(0) * h * w);
    NDArray matrix = JniUtils.createSparseCoo((PtNDArray) idx, (PtNDArray) val, shape);
    return matrix.matMul(table).reshape(k, outH, outW, featureShape.get(1)).transpose(0, 3, 1, 2);
  }

  /** Nonzero weights summed over the output bins of one axis. */
  private static int nonzeros(AxisWeights a, int out) {
    int n = 0;
    for (int p = 0; p < out * a.length; p++) {
      n += a.weights[p] != 0 ? 1 : 0;
    }
    return n;
  }
}
