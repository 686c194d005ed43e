package org.mlpvision.detection.roi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * mmcv's RoIAlign ({@code pool_mode='avg'}), {@code aligned=True} or not, with adaptive ({@code
 * samplingRatio=0}: {@code ceil(roi/out)} points per bin) or fixed sampling.
 *
 * <p>Separable formulation: the bilinear weight and mmcv's out-of-range rule factor into y and x
 * parts, so one RoI's output per channel is {@code Wy (P×Sy) · window (Sy×Sx) · Wxᵀ (Sx×Q)}, where
 * the window is the part of the feature map the RoI's samples touch. The 1-D weights are built on
 * the host from the RoI coordinates (a few hundred numbers per RoI). Three forwards contract them
 * with the windows of a channels-last copy of the map ({@link FeatureTables}):
 *
 * <ul>
 *   <li>float32 on the CPU without autograd: Java loops ({@link HostPool}), where per-RoI native
 *       calls would cost more than the arithmetic;
 *   <li>other devices and types without autograd: copy-free window views and per-RoI matmuls;
 *   <li>with autograd: the windows gathered in one index op and contracted in chunks of RoIs sorted
 *       by window size, two batched matmuls each, so that gradients with respect to the features
 *       come from autograd (as in mmcv there is none with respect to the RoIs).
 * </ul>
 */
public final class RoiAlign {
  /**
   * Window elements per chunk (4 MB of floats): small enough that the batched matmul reads the
   * windows while they are still in cache, large enough to keep the op count low (measured against
   * 256K..16M elements with {@code vision bench ops}).
   */
  static final long CHUNK_ELEMENTS = 1L << 20;

  /** Largest ratio of a chunk's padded window area to the RoIs' own window areas. */
  static final double MAX_PADDING = 2.0;

  private final int outH;
  private final int outW;
  private final double spatialScale;
  private final int samplingRatio;
  private final boolean aligned;

  /**
   * @param outH output height
   * @param outW output width
   * @param spatialScale factor from RoI coordinates to feature pixels, {@code 1/stride}
   * @param samplingRatio sample points per bin side, or 0 for adaptive
   * @param aligned whether the half-pixel offset applies ({@code aligned=True})
   */
  public RoiAlign(int outH, int outW, double spatialScale, int samplingRatio, boolean aligned) {
    if (outH <= 0 || outW <= 0) {
      throw new IllegalArgumentException("output size must be positive, got " + outH + "x" + outW);
    }
    if (!(spatialScale > 0)) {
      throw new IllegalArgumentException("spatialScale must be > 0, got " + spatialScale);
    }
    if (samplingRatio < 0) {
      throw new IllegalArgumentException("samplingRatio must be >= 0, got " + samplingRatio);
    }
    this.outH = outH;
    this.outW = outW;
    this.spatialScale = spatialScale;
    this.samplingRatio = samplingRatio;
    this.aligned = aligned;
  }

  /** mmdet's setting: square output, aligned, adaptive sampling. */
  public static RoiAlign of(int out, double spatialScale) {
    return new RoiAlign(out, out, spatialScale, 0, true);
  }

  /**
   * Pools {@code rois (K,5)} = {@code (batch, x1, y1, x2, y2)} from {@code features (N,C,H,W)};
   * returns {@code (K,C,outH,outW)} on the features' device.
   */
  public NDArray apply(NDArray features, NDArray rois) {
    return apply(features, hostRois(rois));
  }

  /** {@link #apply(NDArray, NDArray)} with the RoIs already on the host, {@code K·5} values. */
  public NDArray apply(NDArray features, double[] rois) {
    if (features.getShape().dimension() != 4) {
      throw new IllegalArgumentException(
          "features must have shape (N,C,H,W), got " + features.getShape());
    }
    return pool(FeatureTables.of(List.of(features)), 0, rois, Forward.FASTEST);
  }

  /** Checks {@code rois (K,5)} and copies them to the host. */
  public static double[] hostRois(NDArray rois) {
    Shape rs = rois.getShape();
    if (rs.dimension() != 2 || rs.get(1) != 5) {
      throw new IllegalArgumentException(
          "rois must have shape (K,5) = (batch,x1,y1,x2,y2), got " + rs);
    }
    if (rois.getDataType() == DataType.FLOAT64) {
      return rois.toDoubleArray();
    }
    // A temporary copy, freed at once: callers may pool from long-lived managers in a loop.
    try (NDArray d = rois.toType(DataType.FLOAT64, true)) {
      return d.toDoubleArray();
    }
  }

  /** Which forward computes the pooling when no gradient is recorded (tests pin each one). */
  enum Forward {
    /** {@link #HOST} for float32 CPU features, {@link #VIEWS} otherwise. */
    FASTEST,
    /** Java loops over host copies of the tables ({@link HostPool}; float32 CPU only). */
    HOST,
    /** Copy-free window views with per-RoI matmuls (the non-CPU path). */
    VIEWS,
    /** Chunked gathers and batched matmuls (the autograd path). */
    GATHER
  }

  /**
   * One RoI's sampling on its level.
   *
   * @param batch the image the RoI belongs to
   * @param y the row weights
   * @param x the column weights
   */
  record Sampling(int batch, AxisWeights y, AxisWeights x) {}

  /** The sampling of RoI {@code r} of host {@code rois} on a map of shape {@code (N,C,H,W)}. */
  Sampling sampling(double[] rois, int r, Shape featureShape) {
    long n = featureShape.get(0);
    int h = Math.toIntExact(featureShape.get(2));
    int w = Math.toIntExact(featureShape.get(3));
    double b = rois[5 * r];
    if (b < 0 || b >= n || b != Math.rint(b)) {
      throw new IllegalArgumentException(
          "rois[" + r + "] batch index must be an integer in [0," + n + "), got " + b);
    }
    double off = aligned ? 0.5 : 0.0;
    double xs = rois[5 * r + 1] * spatialScale - off;
    double ys = rois[5 * r + 2] * spatialScale - off;
    double rw = rois[5 * r + 3] * spatialScale - off - xs;
    double rh = rois[5 * r + 4] * spatialScale - off - ys;
    if (!aligned) {
      rw = Math.max(rw, 1.0);
      rh = Math.max(rh, 1.0);
    }
    int gh = samplingRatio > 0 ? samplingRatio : (int) Math.ceil(rh / outH);
    int gw = samplingRatio > 0 ? samplingRatio : (int) Math.ceil(rw / outW);
    return new Sampling(
        (int) b, AxisWeights.of(ys, rh, outH, gh, h), AxisWeights.of(xs, rw, outW, gw, w));
  }

  /**
   * Pools host {@code rois (K·5)} from level {@code level} of {@code tables}.
   *
   * @param forward the forward to use when no gradient is recorded; with autograd recording the
   *     gather path always runs
   */
  NDArray pool(FeatureTables tables, int level, double[] rois, Forward forward) {
    Shape fs = tables.shape(level);
    NDArray features = tables.features(level);
    int k = rois.length / 5;
    if (k == 0) {
      return features
          .getManager()
          .zeros(new Shape(0, fs.get(1), outH, outW), features.getDataType(), features.getDevice());
    }
    Sampling[] s = new Sampling[k];
    for (int r = 0; r < k; r++) {
      s[r] = sampling(rois, r, fs);
    }
    boolean noGrad = !recording(features);
    if (noGrad && (forward == Forward.HOST || forward == Forward.FASTEST && tables.onHost())) {
      return HostPool.pool(tables, new int[k], s, outH, outW);
    }
    if (noGrad && forward != Forward.GATHER) {
      return WindowViews.pool(tables.table(level), fs, s, outH, outW);
    }
    return gathered(tables.table(level), fs, s);
  }

  /**
   * The autograd path: the windows of all RoIs gathered in one index op, split into chunks of RoIs
   * with similar windows, each contracted with two batched matmuls.
   */
  private NDArray gathered(NDArray table, Shape fs, Sampling[] s) {
    int h = Math.toIntExact(fs.get(2));
    int w = Math.toIntExact(fs.get(3));
    long c = fs.get(1);
    int k = s.length;
    Integer[] boxed = new Integer[k];
    for (int r = 0; r < k; r++) {
      boxed[r] = r;
    }
    // Tallest windows first, then widest: consecutive RoIs have similar windows, so a chunk's
    // common window (its first height, its widest width) wastes little on padding.
    Arrays.sort(
        boxed,
        (a, b) ->
            s[a].y().length != s[b].y().length
                ? Integer.compare(s[b].y().length, s[a].y().length)
                : Integer.compare(s[b].x().length, s[a].x().length));
    int[] order = new int[k];
    for (int r = 0; r < k; r++) {
      order[r] = boxed[r];
    }
    List<Chunk> chunks = new ArrayList<>();
    long rows = 0;
    int from = 0;
    while (from < k) {
      int sy = s[order[from]].y().length;
      int sx = 0;
      long used = 0;
      int to = from;
      while (to < k) {
        Sampling r = s[order[to]];
        int nx = Math.max(sx, r.x().length);
        long area = (long) r.y().length * r.x().length;
        long padded = (long) (to - from + 1) * sy * nx;
        boolean tooBig = padded * c > CHUNK_ELEMENTS;
        boolean tooWasteful = padded > MAX_PADDING * (used + area);
        if (to > from && (tooBig || tooWasteful)) {
          break;
        }
        sx = nx;
        used += area;
        to++;
      }
      chunks.add(new Chunk(from, to, sy, sx));
      rows += (long) (to - from) * sy * sx;
      from = to;
    }
    // One gather for all chunks, split into them: its backward is then one accumulating scatter
    // into one table-sized gradient, where a gather per chunk allocated and summed one each.
    long[] idx = new long[Math.toIntExact(rows)];
    long[] splits = new long[chunks.size() - 1];
    int t = 0;
    for (int q = 0; q < chunks.size(); q++) {
      t = windowRows(idx, t, order, chunks.get(q), s, h, w);
      if (q < splits.length) {
        splits[q] = t;
      }
    }
    NDManager mgr = table.getManager();
    NDArray index = mgr.create(idx).toDevice(table.getDevice(), false);
    NDArray gathered = gatherRows(table, index);
    NDList windows = splits.length == 0 ? new NDList(gathered) : gathered.split(splits, 0);
    NDList parts = new NDList();
    for (int q = 0; q < chunks.size(); q++) {
      parts.add(contract(windows.get(q), order, chunks.get(q), s, h, w, c));
    }
    NDArray sorted = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
    long[] inverse = new long[k];
    for (int r = 0; r < k; r++) {
      inverse[order[r]] = r;
    }
    NDArray inv = mgr.create(inverse).toDevice(table.getDevice(), false);
    return sorted.get(new NDIndex("{}", inv));
  }

  /**
   * RoIs {@code [from, to)} of the sorted order, pooled from common {@code sy × sx} windows.
   *
   * @param from first position in the order
   * @param to position after the last
   * @param sy window rows
   * @param sx window columns
   */
  private record Chunk(int from, int to, int sy, int sx) {}

  /**
   * Writes the table rows of {@code chunk}'s windows into {@code idx} from position {@code t};
   * returns the position after them.
   */
  private static int windowRows(
      long[] idx, int t, int[] order, Chunk chunk, Sampling[] s, int h, int w) {
    int sy = chunk.sy();
    int sx = chunk.sx();
    for (int q = chunk.from(); q < chunk.to(); q++) {
      Sampling r = s[order[q]];
      int y0 = windowStart(r.y(), sy, h);
      int x0 = windowStart(r.x(), sx, w);
      long base = (long) r.batch() * h * w;
      for (int i = 0; i < sy; i++) {
        long row = base + (long) Math.min(y0 + i, h - 1) * w;
        for (int j = 0; j < sx; j++) {
          idx[t++] = row + Math.min(x0 + j, w - 1);
        }
      }
    }
    return t;
  }

  /** Where a common-size window of {@code size} starts: shifted inside the map if need be. */
  private static int windowStart(AxisWeights a, int size, int mapSize) {
    return Math.max(0, Math.min(a.start, mapSize - size));
  }

  /** Contracts one chunk's gathered {@code (m·sy·sx, C)} windows with its RoIs' weights. */
  private NDArray contract(
      NDArray gathered, int[] order, Chunk chunk, Sampling[] s, int h, int w, long c) {
    int m = chunk.to() - chunk.from();
    int sy = chunk.sy();
    int sx = chunk.sx();
    double[] ay = new double[m * outH * sy];
    double[] ax = new double[m * outW * sx];
    for (int q = 0; q < m; q++) {
      Sampling r = s[order[chunk.from() + q]];
      // The weights move with the shifted window.
      place(ay, q, outH, sy, r.y(), r.y().start - windowStart(r.y(), sy, h));
      place(ax, q, outW, sx, r.x(), r.x().start - windowStart(r.x(), sx, w));
    }
    NDManager mgr = gathered.getManager();
    DataType dt = gathered.getDataType();
    NDArray windows = gathered.reshape(m, sy, (long) sx * c);
    NDArray my =
        mgr.create(ay, new Shape(m, outH, sy))
            .toType(dt, false)
            .toDevice(gathered.getDevice(), false);
    NDArray mx =
        mgr.create(ax, new Shape(m, 1, outW, sx))
            .toType(dt, false)
            .toDevice(gathered.getDevice(), false);
    NDArray rows = my.batchMatMul(windows).reshape(m, outH, sx, c);
    return mx.matMul(rows).transpose(0, 3, 1, 2);
  }

  /**
   * Rows {@code index} of {@code table}. Without gradients, {@code embedding} (index_select: one
   * row copy per pixel) is about twice as fast as advanced indexing; with gradients, advanced
   * indexing wins because its backward is one accumulating scatter, whereas embedding's CPU
   * backward adds row by row (measured with {@code vision bench ops}).
   */
  private static NDArray gatherRows(NDArray table, NDArray index) {
    if (recording(table)) {
      return table.get(new NDIndex("{}", index));
    }
    return table.getNDArrayInternal().embedding(index, table, SparseFormat.DENSE).get(0);
  }

  /** Whether autograd may be recording (always assumed on engines other than PyTorch). */
  static boolean recording(NDArray table) {
    return !(table instanceof PtNDArray) || JniUtils.isGradMode();
  }

  private static void place(double[] dst, int q, int out, int size, AxisWeights a, int offset) {
    for (int p = 0; p < out; p++) {
      System.arraycopy(a.weights, p * a.length, dst, (q * out + p) * size + offset, a.length);
    }
  }
}
