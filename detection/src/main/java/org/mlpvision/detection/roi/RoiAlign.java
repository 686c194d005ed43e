package org.mlpvision.detection.roi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;

/**
 * mmcv's RoIAlign ({@code pool_mode='avg'}), {@code aligned=True} or not, with adaptive ({@code
 * samplingRatio=0}: {@code ceil(roi/out)} points per bin) or fixed sampling.
 *
 * <p>Separable formulation: the bilinear weight and mmcv's out-of-range rule factor into y and x
 * parts, so one RoI's output per channel is {@code Wy (P×Sy) · window (Sy×Sx) · Wxᵀ (Sx×Q)}, where
 * the window is the part of the feature map the RoI's samples touch. The 1-D weights are built on
 * the host from the RoI coordinates (a few hundred numbers per RoI). Two forwards use them, both on
 * a channels-last copy of the map ({@link FeatureTables}):
 *
 * <ul>
 *   <li>float32 on the CPU without autograd: Java loops ({@link HostPool}), where per-RoI native
 *       calls would cost more than the arithmetic;
 *   <li>everything else (autograd, other devices, other types): one sparse matrix product ({@link
 *       SamplingMatrix}), whose gradient with respect to the features autograd provides (as in mmcv
 *       there is none with respect to the RoIs).
 * </ul>
 */
public final class RoiAlign {
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
    /** {@link #HOST} for float32 CPU features, {@link #SPARSE} otherwise. */
    FASTEST,
    /** Java loops over host copies of the tables ({@link HostPool}; float32 CPU only). */
    HOST,
    /** One sparse matrix product ({@link SamplingMatrix}; the autograd path). */
    SPARSE
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
   *     sparse product always runs
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
    return SamplingMatrix.pool(tables.table(level), fs, s, outH, outW);
  }

  /** Whether autograd may be recording (always assumed on engines other than PyTorch). */
  static boolean recording(NDArray table) {
    return !(table instanceof PtNDArray) || JniUtils.isGradMode();
  }
}
