package org.mlpvision.detection.roi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.stream.IntStream;

/**
 * RoIAlign's forward pass in Java, for float32 CPU features when no gradient is recorded: the
 * separable {@code Wy · window · Wxᵀ} of {@link RoiAlign} ({@link WindowKernel}) over channels-last
 * host copies of the levels, written straight into one result in RoI order. On CPU the per-RoI
 * native ops of the other paths (a view, two weight tensors, two tiny GEMMs) cost far more than the
 * arithmetic. A level's host copy is made on first use and kept in the {@link FeatureTables}.
 *
 * <p>Both parts are bound by memory traffic on a CPU (the transpose writes the level once; the
 * kernel reads each window once). Pooling the RoIs band by band right after transposing each band,
 * so that windows would be read from the last-level cache, was measured slower (106 vs 86 ms for
 * the 7x7 figure of {@code vision bench ops}).
 */
final class HostPool {
  /** Pixels per transpose tile: {@code C} rows of this many floats stay in L1 while written out. */
  private static final int TILE = 64;

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
    int plane = outH * outW;
    if ((long) k * c * plane > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          k + " RoIs of " + c + "x" + outH + "x" + outW + " exceed one buffer; pool fewer at once");
    }
    NDArray features = tables.features(0);
    // Uninitialised native memory: every element is written below, one RoI's block at a time.
    NDArray result = features.getManager().create(new Shape(k, c, outH, outW), DataType.FLOAT32);
    FloatBuffer out = result.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
    float[][] host = new float[tables.size()][];
    for (int r = 0; r < k; r++) {
      host[level[r]] = tables.hostTable(level[r]);
      if (host[level[r]] == null) {
        host[level[r]] = channelsLast(tables.features(level[r]));
        tables.keepHostTable(level[r], host[level[r]]);
      }
    }
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
              WindowKernel kernel = new WindowKernel(c, outH, outW);
              for (int i = t; i < k; i += tasks) {
                int r = order[i];
                float[] block = kernel.pool(host[level[r]], tables.shape(level[r]), s[r]);
                out.put(r * c * plane, block, 0, block.length);
              }
            });
    return result;
  }

  private static long cost(RoiAlign.Sampling s) {
    return (long) s.y().length * s.x().length;
  }

  /**
   * A float32 CPU {@code (N,C,H,W)} map as channels-last host floats, {@code ((n·H + y)·W + x)·C +
   * c}: reads the map's native buffer without copying it and transposes tiles of {@link #TILE}
   * pixels in parallel.
   */
  private static float[] channelsLast(NDArray features) {
    Shape fs = features.getShape();
    int n = Math.toIntExact(fs.get(0));
    int c = Math.toIntExact(fs.get(1));
    int hw = Math.toIntExact(fs.get(2) * fs.get(3));
    FloatBuffer src = features.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
    float[] dst = new float[Math.toIntExact(fs.size())];
    int tilesPerImage = (hw + TILE - 1) / TILE;
    int tiles = n * tilesPerImage;
    // A few contiguous runs of tiles per thread, each with one reused tile buffer.
    int tasks = Math.min(tiles, 4 * Runtime.getRuntime().availableProcessors());
    IntStream.range(0, tasks)
        .parallel()
        .forEach(
            task -> {
              float[] tile = new float[c * TILE];
              for (int t = task * tiles / tasks; t < (task + 1) * tiles / tasks; t++) {
                int b = t / tilesPerImage;
                int from = (t % tilesPerImage) * TILE;
                int len = Math.min(hw - from, TILE);
                for (int ch = 0; ch < c; ch++) {
                  src.get((b * c + ch) * hw + from, tile, ch * TILE, len);
                }
                for (int p = 0; p < len; p++) {
                  int o = (b * hw + from + p) * c;
                  for (int ch = 0; ch < c; ch++) {
                    dst[o + ch] = tile[ch * TILE + p];
                  }
                }
              }
            });
    return dst;
  }
}
