package org.mlpvision.detection.nms;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.mlpvision.datasets.structures.Detections;

/**
 * mmdet's test-time {@code multiclass_nms}: every (box, class) pair whose score is strictly above
 * {@code scoreThr} is a candidate (background, the last score column, never is); NMS runs per
 * class; survivors are sorted by score across classes and the first {@code maxPerImg} kept.
 *
 * @param scoreThr strict lower bound on candidate scores
 * @param iouThr per-class NMS IoU threshold
 * @param maxPerImg how many detections to keep ({@code < 0}: all)
 */
public record MulticlassNms(double scoreThr, double iouThr, int maxPerImg) {

  /** The Cascade R-CNN test setting: score 0.05, IoU 0.5, 100 per image. */
  public static MulticlassNms cascadeTest() {
    return new MulticlassNms(0.05, 0.5, 100);
  }

  /**
   * @param boxes {@code (N,4)} class-agnostic or {@code (N,4K)} class-specific boxes
   * @param scores {@code (N,K+1)} class probabilities, background last
   */
  public Detections apply(NDArray boxes, NDArray scores) {
    Shape ss = scores.getShape();
    Shape bs = boxes.getShape();
    if (ss.dimension() != 2 || ss.get(1) < 2) {
      throw new IllegalArgumentException("scores must have shape (N, K+1) with K >= 1, got " + ss);
    }
    int n = Math.toIntExact(ss.get(0));
    int k = Math.toIntExact(ss.get(1) - 1);
    if (bs.dimension() != 2 || bs.get(0) != n || (bs.get(1) != 4 && bs.get(1) != 4L * k)) {
      throw new IllegalArgumentException(
          "boxes must have shape (" + n + ", 4) or (" + n + ", " + 4 * k + "), got " + bs);
    }
    boolean agnostic = bs.get(1) == 4;
    float[] s = scores.toType(DataType.FLOAT32, false).toFloatArray();
    float[] b = boxes.toType(DataType.FLOAT32, false).toFloatArray();
    // Compared in float32, as PyTorch compares a float32 tensor with a Python scalar.
    float thr = (float) scoreThr;
    int count = 0;
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        if (s[i * (k + 1) + c] > thr) {
          count++;
        }
      }
    }
    float[] cb = new float[4 * count];
    float[] cs = new float[count];
    int[] cl = new int[count];
    int m = 0;
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        float v = s[i * (k + 1) + c];
        if (v > thr) {
          int src = agnostic ? 4 * i : 4 * (i * k + c);
          System.arraycopy(b, src, cb, 4 * m, 4);
          cs[m] = v;
          cl[m] = c;
          m++;
        }
      }
    }
    // The survivors come back by descending score, so the first maxPerImg are the answer.
    int[] keep = BatchedNms.nms(cb, cs, cl, iouThr, maxPerImg);
    float[] ob = new float[4 * keep.length];
    float[] os = new float[keep.length];
    long[] ol = new long[keep.length];
    for (int i = 0; i < keep.length; i++) {
      System.arraycopy(cb, 4 * keep[i], ob, 4 * i, 4);
      os[i] = cs[keep[i]];
      ol[i] = cl[keep[i]];
    }
    NDManager mgr = scores.getManager();
    return new Detections(
        mgr.create(ob, new Shape(keep.length, 4)).toDevice(scores.getDevice(), false),
        mgr.create(os, new Shape(keep.length)).toDevice(scores.getDevice(), false),
        mgr.create(ol, new Shape(keep.length)).toDevice(scores.getDevice(), false),
        null);
  }
}
