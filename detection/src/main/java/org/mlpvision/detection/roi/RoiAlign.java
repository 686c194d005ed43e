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
import java.util.Arrays;

/**
 * mmcv's RoIAlign ({@code pool_mode='avg'}), {@code aligned=True} or not, with adaptive ({@code
 * samplingRatio=0}: {@code ceil(roi/out)} points per bin) or fixed sampling.
 *
 * <p>Separable formulation: the bilinear weight and mmcv's out-of-range rule factor into y and x
 * parts, so one RoI's output per channel is {@code Wy (P×Sy) · window (Sy×Sx) · Wxᵀ (Sx×Q)}, where
 * the window is the part of the feature map the RoI's samples touch. The 1-D weights are built on
 * the host from the RoI coordinates (a few hundred numbers per RoI); the windows are gathered from
 * a channels-last table in chunks of RoIs sorted by window size and contracted with two batched
 * matmuls on the features' device. Gradients with respect to the features come from autograd; as in
 * mmcv there is none with respect to the RoIs.
 */
public final class RoiAlign {
  /**
   * Gathered window elements per chunk (4 MB of floats): small enough that the batched matmul reads
   * the windows while they are still in cache, large enough to keep the op count low (measured
   * against 256K..16M elements with {@code vision bench ops}).
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
    Shape fs = features.getShape();
    if (fs.dimension() != 4) {
      throw new IllegalArgumentException("features must have shape (N,C,H,W), got " + fs);
    }
    return applyTable(channelsLast(features), fs, hostRois(rois));
  }

  /** The {@code (N·H·W, C)} gather table of {@code features (N,C,H,W)}. */
  public static NDArray channelsLast(NDArray features) {
    Shape fs = features.getShape();
    // Flattening fully forces a contiguous copy; a strided view would make every gather slow.
    return features
        .transpose(0, 2, 3, 1)
        .reshape(-1)
        .reshape(fs.get(0) * fs.get(2) * fs.get(3), fs.get(1));
  }

  /** Checks {@code rois (K,5)} and copies them to the host. */
  public static double[] hostRois(NDArray rois) {
    Shape rs = rois.getShape();
    if (rs.dimension() != 2 || rs.get(1) != 5) {
      throw new IllegalArgumentException(
          "rois must have shape (K,5) = (batch,x1,y1,x2,y2), got " + rs);
    }
    return rois.toType(DataType.FLOAT64, false).toDoubleArray();
  }

  /**
   * Pools host {@code rois (K·5)} from a channels-last table of a map with shape {@code
   * featureShape (N,C,H,W)}.
   */
  public NDArray applyTable(NDArray table, Shape featureShape, double[] rois) {
    return applyTable(table, featureShape, rois, Forward.FASTEST);
  }

  /** Which forward computes the pooling when no gradient is recorded (tests pin each one). */
  enum Forward {
    /** Host loops for CPU tables, copy-free window views elsewhere. */
    FASTEST,
    /** Copy-free window views with per-RoI matmuls (the non-CPU path). */
    VIEWS,
    /** Chunked gathers and batched matmuls (the autograd path). */
    GATHER
  }

  /**
   * @param forward the forward to use when no gradient is recorded; with autograd recording the
   *     gather path always runs
   */
  NDArray applyTable(NDArray table, Shape featureShape, double[] rois, Forward forward) {
    int n = Math.toIntExact(featureShape.get(0));
    long c = featureShape.get(1);
    int h = Math.toIntExact(featureShape.get(2));
    int w = Math.toIntExact(featureShape.get(3));
    int k = rois.length / 5;
    NDManager mgr = table.getManager();
    if (k == 0) {
      return mgr.zeros(new Shape(0, c, outH, outW), table.getDataType(), table.getDevice());
    }
    int[] batch = new int[k];
    AxisWeights[] wy = new AxisWeights[k];
    AxisWeights[] wx = new AxisWeights[k];
    double off = aligned ? 0.5 : 0.0;
    for (int r = 0; r < k; r++) {
      double b = rois[5 * r];
      if (b < 0 || b >= n || b != Math.rint(b)) {
        throw new IllegalArgumentException(
            "rois[" + r + "] batch index must be an integer in [0," + n + "), got " + b);
      }
      batch[r] = (int) b;
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
      wy[r] = AxisWeights.of(ys, rh, outH, gh, h);
      wx[r] = AxisWeights.of(xs, rw, outW, gw, w);
    }
    boolean noGrad = !recording(table);
    if (forward == Forward.FASTEST && noGrad && HostPool.supports(table)) {
      return HostPool.pool(table, h, w, c, batch, wy, wx, outH, outW);
    }
    if (forward != Forward.GATHER && noGrad) {
      return WindowViews.pool(table, h, w, c, batch, wy, wx, outH, outW);
    }
    Integer[] boxed = new Integer[k];
    for (int r = 0; r < k; r++) {
      boxed[r] = r;
    }
    // Tallest windows first, then widest: consecutive RoIs have similar windows, so a chunk's
    // common window (its first height, its widest width) wastes little on padding.
    Arrays.sort(
        boxed,
        (a, b) ->
            wy[a].length != wy[b].length
                ? Integer.compare(wy[b].length, wy[a].length)
                : Integer.compare(wx[b].length, wx[a].length));
    int[] order = new int[k];
    for (int r = 0; r < k; r++) {
      order[r] = boxed[r];
    }
    NDList parts = new NDList();
    int from = 0;
    while (from < k) {
      int sy = wy[order[from]].length;
      int sx = 0;
      long used = 0;
      int to = from;
      while (to < k) {
        int r = order[to];
        int nx = Math.max(sx, wx[r].length);
        long area = (long) wy[r].length * wx[r].length;
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
      parts.add(chunk(table, order, from, to, sy, sx, batch, wy, wx, h, w, c));
      from = to;
    }
    NDArray sorted = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
    long[] inverse = new long[k];
    for (int r = 0; r < k; r++) {
      inverse[order[r]] = r;
    }
    NDArray inv = mgr.create(inverse).toDevice(table.getDevice(), false);
    return sorted.get(new NDIndex("{}", inv));
  }

  private NDArray chunk(
      NDArray table,
      int[] order,
      int from,
      int to,
      int sy,
      int sx,
      int[] batch,
      AxisWeights[] wy,
      AxisWeights[] wx,
      int h,
      int w,
      long c) {
    int m = to - from;
    long[] idx = new long[m * sy * sx];
    double[] ay = new double[m * outH * sy];
    double[] ax = new double[m * outW * sx];
    int t = 0;
    for (int q = 0; q < m; q++) {
      int r = order[from + q];
      // Shift the common-size window inside the map; the weights move with it.
      int y0 = Math.max(0, Math.min(wy[r].start, h - sy));
      int x0 = Math.max(0, Math.min(wx[r].start, w - sx));
      long base = (long) batch[r] * h * w;
      for (int i = 0; i < sy; i++) {
        long row = base + (long) Math.min(y0 + i, h - 1) * w;
        for (int j = 0; j < sx; j++) {
          idx[t++] = row + Math.min(x0 + j, w - 1);
        }
      }
      place(ay, q, outH, sy, wy[r], wy[r].start - y0);
      place(ax, q, outW, sx, wx[r], wx[r].start - x0);
    }
    NDManager mgr = table.getManager();
    DataType dt = table.getDataType();
    NDArray index = mgr.create(idx).toDevice(table.getDevice(), false);
    NDArray windows = gatherRows(table, index).reshape(m, sy, (long) sx * c);
    NDArray my =
        mgr.create(ay, new Shape(m, outH, sy)).toType(dt, false).toDevice(table.getDevice(), false);
    NDArray mx =
        mgr.create(ax, new Shape(m, 1, outW, sx))
            .toType(dt, false)
            .toDevice(table.getDevice(), false);
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
  private static boolean recording(NDArray table) {
    return !(table instanceof PtNDArray) || JniUtils.isGradMode();
  }

  private static void place(double[] dst, int q, int out, int size, AxisWeights a, int offset) {
    for (int p = 0; p < out; p++) {
      System.arraycopy(a.weights, p * a.length, dst, (q * out + p) * size + offset, a.length);
    }
  }
}
