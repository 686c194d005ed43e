package org.mlpvision.detection.roi;

import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * The per-RoI arithmetic of {@link HostPool}, with its scratch buffers (grown to the largest window
 * seen): {@code Wy · window · Wxᵀ} over a channels-last host table, applying only the nonzero
 * bilinear weights and accumulating in float32, as mmcv's kernel does. One instance per thread.
 */
final class WindowKernel {
  /** Accumulator columns per block of the row pass: seven rows of them fill about 28 KB. */
  private static final int COLUMN_BLOCK = 1024;

  private final int c;
  private final int outH;
  private final int outW;
  private final float[] pixels;
  private final float[] block;
  private float[] acc = new float[0];

  WindowKernel(int c, int outH, int outW) {
    this.c = c;
    this.outH = outH;
    this.outW = outW;
    this.pixels = new float[c * outH * outW];
    this.block = new float[c * outH * outW];
  }

  /** RoI {@code s}'s {@code (C,outH,outW)} block, valid until the next call. */
  float[] pool(float[] table, Shape fs, RoiAlign.Sampling s) {
    int h = Math.toIntExact(fs.get(2));
    int w = Math.toIntExact(fs.get(3));
    AxisWeights ay = s.y();
    AxisWeights ax = s.x();
    int ly = ay.length;
    int lx = ax.length;
    int rowLen = lx * c;
    if (acc.length < outH * rowLen) {
      acc = new float[outH * rowLen];
    }
    Arrays.fill(acc, 0, outH * rowLen, 0f);
    int first = ((s.batch() * h + ay.start) * w + ax.start) * c;
    // Rows, in column blocks so that the block's accumulators stay in L1: each window row is
    // read once and added to the (one to three) output rows that sample it.
    for (int j0 = 0; j0 < rowLen; j0 += COLUMN_BLOCK) {
      int j1 = Math.min(rowLen, j0 + COLUMN_BLOCK);
      for (int i = 0; i < ly; i++) {
        int src = first + i * w * c;
        for (int p = 0; p < outH; p++) {
          float a = (float) ay.weights[p * ly + i];
          if (a == 0f) {
            continue;
          }
          int dst = p * rowLen;
          for (int j = j0; j < j1; j++) {
            acc[dst + j] += a * table[src + j];
          }
        }
      }
    }
    // Columns: each output pixel is a short weighted sum of C-long columns, written
    // pixel-major; the transpose to channel-major below then stays in L1.
    int plane = outH * outW;
    for (int p = 0; p < outH; p++) {
      for (int q = 0; q < outW; q++) {
        int o = (p * outW + q) * c;
        Arrays.fill(pixels, o, o + c, 0f);
        for (int j = 0; j < lx; j++) {
          float b = (float) ax.weights[q * lx + j];
          if (b == 0f) {
            continue;
          }
          int src = p * rowLen + j * c;
          for (int ch = 0; ch < c; ch++) {
            pixels[o + ch] += b * acc[src + ch];
          }
        }
      }
    }
    for (int pq = 0; pq < plane; pq++) {
      for (int ch = 0; ch < c; ch++) {
        block[ch * plane + pq] = pixels[pq * c + ch];
      }
    }
    return block;
  }
}
