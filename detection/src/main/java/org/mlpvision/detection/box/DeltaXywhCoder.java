package org.mlpvision.detection.box;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * mmdet's {@code DeltaXYWHBBoxCoder}: encodes a ground-truth box against a proposal as normalized
 * centre offsets and log size ratios, and decodes them back with the {@code ±|ln(16/1000)|} clamp
 * on the log sizes (a box grows at most 62.5 times). Differentiable; runs on the inputs' device.
 */
public final class DeltaXywhCoder {
  /** Default {@code wh_ratio_clip}: log sizes are clamped to {@code ±|ln(16/1000)|}. */
  public static final double DEFAULT_WH_RATIO_CLIP = 16.0 / 1000.0;

  private final float[] means;
  private final float[] stds;
  private final double maxLogRatio;

  /**
   * @param means four target means {@code (dx,dy,dw,dh)}
   * @param stds four target standard deviations, all positive
   * @param whRatioClip the ratio whose |ln| bounds {@code dw, dh} at decode time, in (0,1)
   */
  public DeltaXywhCoder(float[] means, float[] stds, double whRatioClip) {
    if (means == null || means.length != 4) {
      throw new IllegalArgumentException("means must have 4 values, got " + Arrays.toString(means));
    }
    if (stds == null || stds.length != 4) {
      throw new IllegalArgumentException("stds must have 4 values, got " + Arrays.toString(stds));
    }
    for (float s : stds) {
      if (!(s > 0)) {
        throw new IllegalArgumentException("stds must be > 0, got " + Arrays.toString(stds));
      }
    }
    if (!(whRatioClip > 0 && whRatioClip < 1)) {
      throw new IllegalArgumentException("whRatioClip must be in (0,1), got " + whRatioClip);
    }
    this.means = means.clone();
    this.stds = stds.clone();
    this.maxLogRatio = Math.abs(Math.log(whRatioClip));
  }

  /** Means 0 and the given stds, default clamp. */
  public static DeltaXywhCoder withStds(float... stds) {
    return new DeltaXywhCoder(new float[4], stds, DEFAULT_WH_RATIO_CLIP);
  }

  /** The RPN coder: means 0, stds 1. */
  public static DeltaXywhCoder rpn() {
    return withStds(1f, 1f, 1f, 1f);
  }

  /** The bound on {@code |dw|, |dh|} applied when decoding. */
  public double maxLogRatio() {
    return maxLogRatio;
  }

  /**
   * Encodes {@code gts} against {@code proposals}, both {@code (N,4)}; returns {@code (N,4)}
   * normalized deltas {@code ((dx,dy,dw,dh) - mean) / std}.
   */
  public NDArray encode(NDArray proposals, NDArray gts) {
    requireSame(proposals, gts);
    NDArray p = Boxes.xyxyToCxcywh(proposals);
    NDArray g = Boxes.xyxyToCxcywh(gts);
    NDArray pwh = p.get("..., 2:4");
    NDArray dxy = g.get("..., 0:2").sub(p.get("..., 0:2")).div(pwh);
    NDArray dwh = g.get("..., 2:4").div(pwh).log();
    NDArray d = NDArrays.concat(new NDList(dxy, dwh), -1);
    return d.sub(vector(d, means)).div(vector(d, stds));
  }

  /**
   * Decodes {@code deltas (N,4K)} against {@code rois (N,4)} group by group (class-specific deltas
   * when K > 1); returns boxes {@code (N,4K)}.
   *
   * @param maxShape {@code {height, width}} to clip to, or {@code null} for no clipping
   */
  public NDArray decode(NDArray rois, NDArray deltas, long[] maxShape) {
    Boxes.requireBoxes("rois", rois);
    Shape ds = deltas.getShape();
    if (ds.dimension() != 2 || ds.get(1) % 4 != 0 || ds.get(0) != rois.getShape().get(0)) {
      throw new IllegalArgumentException(
          "deltas must have shape (N, 4K) with N = rois rows " + rois.getShape() + ", got " + ds);
    }
    if (maxShape != null && maxShape.length != 2) {
      throw new IllegalArgumentException(
          "maxShape must be {height, width}, got " + Arrays.toString(maxShape));
    }
    long n = ds.get(0);
    long k = ds.get(1) / 4;
    NDArray d = deltas.reshape(n, k, 4);
    d = d.mul(vector(d, stds)).add(vector(d, means));
    NDArray dxy = d.get("..., 0:2");
    NDArray dwh = d.get("..., 2:4").clip(-maxLogRatio, maxLogRatio);
    NDArray p = Boxes.xyxyToCxcywh(rois).expandDims(1);
    NDArray pwh = p.get("..., 2:4");
    NDArray gxy = p.get("..., 0:2").add(pwh.mul(dxy));
    NDArray gwh = pwh.mul(dwh.exp());
    NDArray boxes = Boxes.cxcywhToXyxy(NDArrays.concat(new NDList(gxy, gwh), -1));
    if (maxShape != null) {
      boxes = Boxes.clip(boxes, maxShape[0], maxShape[1]);
    }
    return boxes.reshape(n, 4 * k);
  }

  private static NDArray vector(NDArray like, float[] v) {
    return like.getManager()
        .create(v)
        .toType(like.getDataType(), false)
        .toDevice(like.getDevice(), false);
  }

  private static void requireSame(NDArray proposals, NDArray gts) {
    Boxes.requireBoxes("proposals", proposals);
    Boxes.requireBoxes("gts", gts);
    if (!proposals.getShape().equals(gts.getShape())) {
      throw new IllegalArgumentException(
          "proposals and gts must have the same shape, got "
              + proposals.getShape()
              + " and "
              + gts.getShape());
    }
  }
}
