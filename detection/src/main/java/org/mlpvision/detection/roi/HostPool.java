package org.mlpvision.detection.roi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.stream.IntStream;

/**
 * RoIAlign's forward pass on the host, for a CPU table when no gradient is recorded: the same
 * separable {@code Wy · window · Wxᵀ} as {@link WindowViews}, but computed in Java over the table's
 * buffer, skipping the zero weights, with one native call to read the table and one to create the
 * result. On CPU the per-RoI native ops (a view, two weight tensors, two tiny GEMMs) cost far more
 * than the arithmetic itself; this path has none of them.
 */
final class HostPool {
  private HostPool() {}

  /** Whether {@link #pool} handles {@code table}. */
  static boolean supports(NDArray table) {
    DataType dt = table.getDataType();
    return ai.djl.Device.Type.CPU.equals(table.getDevice().getDeviceType())
        && (dt == DataType.FLOAT32 || dt == DataType.FLOAT64);
  }

  /** {@code (K,C,outH,outW)} in RoI order. */
  static NDArray pool(
      NDArray table,
      int h,
      int w,
      long cl,
      int[] batch,
      AxisWeights[] wy,
      AxisWeights[] wx,
      int outH,
      int outW) {
    int k = batch.length;
    int c = Math.toIntExact(cl);
    DataType dt = table.getDataType();
    ByteBuffer bb = table.toByteBuffer(true).order(ByteOrder.nativeOrder());
    boolean f32 = dt == DataType.FLOAT32;
    FloatBuffer fb = f32 ? bb.asFloatBuffer() : null;
    DoubleBuffer db = f32 ? null : bb.asDoubleBuffer();
    int plane = outH * outW;
    long total = (long) k * c * plane;
    float[] outF = f32 ? new float[Math.toIntExact(total)] : null;
    double[] outD = f32 ? null : new double[Math.toIntExact(total)];
    IntStream.range(0, k)
        .parallel()
        .forEach(
            r -> {
              AxisWeights ay = wy[r];
              AxisWeights ax = wx[r];
              int ly = ay.length;
              int lx = ax.length;
              int rowLen = lx * c;
              // The window's rows, read once.
              double[] win = new double[ly * rowLen];
              float[] rowF = f32 ? new float[rowLen] : null;
              long base = (long) batch[r] * h * w;
              for (int i = 0; i < ly; i++) {
                int y = ay.start + i;
                int x = ax.start;
                if (y >= h || x + lx > w) {
                  // Degenerate weights (all zero) may name a window past the map; it stays 0.
                  continue;
                }
                int src = Math.toIntExact((base + (long) y * w + x) * c);
                int dst = i * rowLen;
                if (f32) {
                  fb.get(src, rowF, 0, rowLen);
                  for (int j = 0; j < rowLen; j++) {
                    win[dst + j] = rowF[j];
                  }
                } else {
                  db.get(src, win, dst, rowLen);
                }
              }
              double[] acc = new double[rowLen];
              double[] px = new double[c];
              int outBase = r * c * plane;
              for (int p = 0; p < outH; p++) {
                java.util.Arrays.fill(acc, 0.0);
                for (int i = 0; i < ly; i++) {
                  double a = ay.weights[p * ly + i];
                  if (a == 0.0) {
                    continue;
                  }
                  int off = i * rowLen;
                  for (int j = 0; j < rowLen; j++) {
                    acc[j] += a * win[off + j];
                  }
                }
                for (int q = 0; q < outW; q++) {
                  java.util.Arrays.fill(px, 0.0);
                  for (int j = 0; j < lx; j++) {
                    double b = ax.weights[q * lx + j];
                    if (b == 0.0) {
                      continue;
                    }
                    int off = j * c;
                    for (int ch = 0; ch < c; ch++) {
                      px[ch] += b * acc[off + ch];
                    }
                  }
                  int o = outBase + p * outW + q;
                  if (f32) {
                    for (int ch = 0; ch < c; ch++) {
                      outF[o + ch * plane] = (float) px[ch];
                    }
                  } else {
                    for (int ch = 0; ch < c; ch++) {
                      outD[o + ch * plane] = px[ch];
                    }
                  }
                }
              }
            });
    Shape shape = new Shape(k, c, outH, outW);
    NDArray out =
        f32 ? table.getManager().create(outF, shape) : table.getManager().create(outD, shape);
    return out.toDevice(table.getDevice(), false);
  }
}
