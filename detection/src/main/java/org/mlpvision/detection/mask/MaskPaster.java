package org.mlpvision.detection.mask;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * mmdet's {@code _do_paste_mask}: each {@code S×S} mask probability map is sampled at the image's
 * pixel centres inside its box ({@code grid_sample}, bilinear, zero padding, {@code
 * align_corners=False}; mask coordinate {@code u = ((j+0.5-x1)/(x2-x1))·S - 0.5}) and binarized
 * with {@code ≥ threshold}. Bilinear sampling on a fixed grid is separable, so the paste is {@code
 * Wy · mask · Wxᵀ} per detection, batched over detections in memory-bounded chunks.
 */
public final class MaskPaster {
  /** Float elements of one chunk of full-image maps, which bounds peak memory. */
  static final long CHUNK_ELEMENTS = 1L << 24;

  private final double threshold;

  /**
   * @param threshold binarization threshold, 0.5 in mmdet ({@code mask_thr_binary})
   */
  public MaskPaster(double threshold) {
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in [0,1], got " + threshold);
    }
    this.threshold = threshold;
  }

  /**
   * @param masks {@code (D,S,S)} probabilities
   * @param boxes {@code (D,4)} boxes in the output image's coordinates
   * @param height output image height
   * @param width output image width
   * @return {@code (D,height,width)} boolean masks on the masks' device
   */
  public NDArray paste(NDArray masks, NDArray boxes, int height, int width) {
    return soft(masks, boxes, height, width).gte(threshold);
  }

  /** The pasted probabilities before thresholding, {@code (D,height,width)}. */
  public NDArray soft(NDArray masks, NDArray boxes, int height, int width) {
    Shape ms = masks.getShape();
    if (ms.dimension() != 3 || ms.get(1) != ms.get(2)) {
      throw new IllegalArgumentException("masks must have shape (D,S,S), got " + ms);
    }
    Shape bs = boxes.getShape();
    if (bs.dimension() != 2 || bs.get(1) != 4 || bs.get(0) != ms.get(0)) {
      throw new IllegalArgumentException("boxes must have shape (" + ms.get(0) + ", 4), got " + bs);
    }
    if (height <= 0 || width <= 0) {
      throw new IllegalArgumentException(
          "image size must be positive, got " + height + "x" + width);
    }
    int d = Math.toIntExact(ms.get(0));
    int s = Math.toIntExact(ms.get(1));
    NDManager mgr = masks.getManager();
    DataType dt = masks.getDataType();
    if (d == 0) {
      return mgr.zeros(new Shape(0, height, width), dt, masks.getDevice());
    }
    float[] b = boxes.toType(DataType.FLOAT32, false).toFloatArray();
    int chunk = (int) Math.max(1, CHUNK_ELEMENTS / ((long) height * width));
    NDList parts = new NDList();
    for (int from = 0; from < d; from += chunk) {
      int to = Math.min(d, from + chunk);
      int n = to - from;
      double[] wy = new double[n * height * s];
      double[] wx = new double[n * width * s];
      for (int i = 0; i < n; i++) {
        int k = from + i;
        axis(wy, i, height, s, b[4 * k + 1], b[4 * k + 3]);
        axis(wx, i, width, s, b[4 * k], b[4 * k + 2]);
      }
      NDArray my = mgr.create(wy, new Shape(n, height, s)).toType(dt, false);
      NDArray mx = mgr.create(wx, new Shape(n, width, s)).toType(dt, false);
      my = my.toDevice(masks.getDevice(), false);
      mx = mx.toDevice(masks.getDevice(), false);
      NDArray part = masks.get(from + ":" + to);
      parts.add(my.batchMatMul(part).batchMatMul(mx.transpose(0, 2, 1)));
    }
    return parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
  }

  /** Sampling weights of one axis: output pixel centres mapped into the mask, zero padding. */
  private static void axis(double[] dst, int i, int size, int s, float lo, float hi) {
    double extent = hi - lo;
    if (!(extent > 0)) {
      return;
    }
    int base = i * size * s;
    for (int j = 0; j < size; j++) {
      double u = ((j + 0.5 - lo) / extent) * s - 0.5;
      if (u <= -1 || u >= s) {
        continue;
      }
      int u0 = (int) Math.floor(u);
      double f = u - u0;
      if (u0 >= 0) {
        dst[base + j * s + u0] += 1 - f;
      }
      if (u0 + 1 < s) {
        dst[base + j * s + u0 + 1] += f;
      }
    }
  }
}
