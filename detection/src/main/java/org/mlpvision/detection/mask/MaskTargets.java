package org.mlpvision.detection.mask;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.mlpvision.detection.roi.RoiAlign;

/**
 * mmdet's {@code mask_target_single}: each positive RoI, clipped to the mask size, is cut from the
 * full-image binary mask of its assigned ground truth with RoIAlign ({@code aligned=True}, scale 1,
 * adaptive sampling) at {@code size × size}, then thresholded at {@code ≥ 0.5}.
 */
public final class MaskTargets {
  private final int size;
  private final RoiAlign align;

  /**
   * @param size target side, 28 for Mask R-CNN
   */
  public MaskTargets(int size) {
    if (size <= 0) {
      throw new IllegalArgumentException("size must be > 0, got " + size);
    }
    this.size = size;
    this.align = new RoiAlign(size, size, 1.0, 0, true);
  }

  /**
   * @param gtMasks {@code (M,H,W)} binary masks of one image (any numeric type)
   * @param posBoxes {@code (P,4)} positive RoIs in the masks' pixel frame
   * @param posGtInds {@code P} assigned ground-truth indices in {@code [0,M)}
   * @return {@code (P,size,size)} float targets in {0,1} on the masks' device
   */
  public NDArray compute(NDArray gtMasks, NDArray posBoxes, long[] posGtInds) {
    Shape ms = gtMasks.getShape();
    if (ms.dimension() != 3) {
      throw new IllegalArgumentException("gtMasks must have shape (M,H,W), got " + ms);
    }
    Shape bs = posBoxes.getShape();
    if (bs.dimension() != 2 || bs.get(1) != 4 || bs.get(0) != posGtInds.length) {
      throw new IllegalArgumentException(
          "posBoxes must have shape (" + posGtInds.length + ", 4), got " + bs);
    }
    int p = posGtInds.length;
    NDManager mgr = gtMasks.getManager();
    if (p == 0) {
      return mgr.zeros(new Shape(0, size, size), DataType.FLOAT32, gtMasks.getDevice());
    }
    long m = ms.get(0);
    double h = ms.get(1);
    double w = ms.get(2);
    float[] b = posBoxes.toType(DataType.FLOAT32, false).toFloatArray();
    double[] rois = new double[5 * p];
    for (int i = 0; i < p; i++) {
      if (posGtInds[i] < 0 || posGtInds[i] >= m) {
        throw new IllegalArgumentException(
            "posGtInds[" + i + "] must be in [0," + m + "), got " + posGtInds[i]);
      }
      rois[5 * i] = posGtInds[i];
      rois[5 * i + 1] = clamp(b[4 * i], w);
      rois[5 * i + 2] = clamp(b[4 * i + 1], h);
      rois[5 * i + 3] = clamp(b[4 * i + 2], w);
      rois[5 * i + 4] = clamp(b[4 * i + 3], h);
    }
    NDArray masks = gtMasks.toType(DataType.FLOAT32, false).expandDims(1);
    NDArray soft = align.apply(masks, rois);
    return soft.squeeze(1).gte(0.5).toType(DataType.FLOAT32, false);
  }

  private static double clamp(float v, double hi) {
    return Math.max(0, Math.min(hi, v));
  }
}
