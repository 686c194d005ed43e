package org.mlpvision.detection.roi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * RoIAlign's forward pass in Java, for float32 CPU features when no gradient is recorded: the
 * separable {@code Wy · window · Wxᵀ} of {@link RoiAlign}, computed from channels-last host copies
 * of the levels and written straight into one result in RoI order. On CPU the per-RoI native ops of
 * the other paths (a view, two weight tensors, two tiny GEMMs) cost far more than the arithmetic;
 * here each window row is read once, its inner loop runs over {@code width·C} contiguous floats,
 * and only the nonzero bilinear weights are applied. Accumulates in float32, as mmcv's kernel does.
 */
final class HostPool {
  /** Pixels per transpose tile: {@code C} rows of this many floats stay in L1 while written out. */
  private static final int TILE = 64;

  /** Accumulator columns per block of the row pass: seven rows of them fill about 28 KB. */
  private static final int COLUMN_BLOCK = 1024;

  private HostPool() {}

  /**
   * Pools RoI {@code r} from level {@code level[r]} of {@code tables} with sampling {@code s[r]}.
   *
   * @return {@code (K,C,outH,outW)} on the features' device (the CPU)
   */
  static NDArray pool(
      FeatureTables tables, int[] level, RoiAlign.Sampling[] s, int outH, int outW) {
    if (!tables.onHost()) {
      throw new IllegalStateException("the host forward reads float32 CPU features only");
    }
    int k = s.length;
    int c = Math.toIntExact(tables.shape(0).get(1));
    float[][] host = new float[tables.size()][];
    for (int r = 0; r < k; r++) {
      if (host[level[r]] == null) {
        host[level[r]] = tables.hostTable(level[r]);
      }
    }
    int plane = outH * outW;
    if ((long) k * c * plane > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          k + " RoIs of " + c + "x" + outH + "x" + outW + " exceed one buffer; pool fewer at once");
    }
    NDArray features = tables.features(0);
    // Uninitialised native memory: every element is written below, one RoI's block at a time.
    NDArray result = features.getManager().create(new Shape(k, c, outH, outW), DataType.FLOAT32);
    FloatBuffer out = result.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
    // Largest windows first, dealt round-robin, so that the tasks finish together.
    int[] order =
        IntStream.range(0, k)
            .boxed()
            .sorted((a, b) -> Long.compare(cost(s[b]), cost(s[a])))
            .mapToInt(Integer::intValue)
            .toArray();
    int tasks = Math.min(k, 4 * Runtime.getRuntime().availableProcessors());
    IntStream.range(0, tasks)
        .parallel()
        .forEach(
            t -> {
              Worker worker = new Worker(c, outH, outW);
              for (int i = t; i < k; i += tasks) {
                int r = order[i];
                float[] block = worker.pool(host[level[r]], tables.shape(level[r]), s[r]);
                out.put(r * c * plane, block, 0, block.length);
              }
            });
    return result;
  }

  private static long cost(RoiAlign.Sampling s) {
    return (long) s.y().length * s.x().length;
  }

  /** One task's scratch buffers, grown to its largest window. */
  private static final class Worker {
    private final int c;
    private final int outH;
    private final int outW;
    private final float[] pixels;
    private final float[] block;
    private float[] acc = new float[0];

    Worker(int c, int outH, int outW) {
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

  /**
   * A float32 CPU {@code (N,C,H,W)} map as channels-last host floats, {@code ((n·H + y)·W + x)·C +
   * c}. Reads the map's native buffer without copying it and transposes tiles of {@link #TILE}
   * pixels in parallel.
   */
  static float[] channelsLast(NDArray features) {
    Shape fs = features.getShape();
    int n = Math.toIntExact(fs.get(0));
    int c = Math.toIntExact(fs.get(1));
    int hw = Math.toIntExact(fs.get(2) * fs.get(3));
    FloatBuffer src = features.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
    float[] dst = new float[Math.toIntExact((long) n * c * hw)];
    int tilesPerImage = (hw + TILE - 1) / TILE;
    IntStream.range(0, n * tilesPerImage)
        .parallel()
        .forEach(
            t -> {
              int b = t / tilesPerImage;
              int p0 = (t % tilesPerImage) * TILE;
              int len = Math.min(hw - p0, TILE);
              float[] tile = new float[c * TILE];
              for (int ch = 0; ch < c; ch++) {
                src.get((b * c + ch) * hw + p0, tile, ch * TILE, len);
              }
              for (int p = 0; p < len; p++) {
                int o = (b * hw + p0 + p) * c;
                for (int ch = 0; ch < c; ch++) {
                  dst[o + ch] = tile[ch * TILE + p];
                }
              }
            });
    return dst;
  }
}
