package org.mlpvision.detection.roi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * RoIAlign's forward pass without copying windows, for when no gradient is recorded (inference): in
 * the channels-last table a RoI's window is a strided {@code (Sy, Sx·C)} view (row stride {@code
 * W·C}) that a GEMM reads in place, so each window is read once and never written. Slicing backward
 * would allocate a full-size gradient per RoI, which is why training uses the gathered chunks
 * instead.
 */
final class WindowViews {
  private WindowViews() {}

  /** {@code (K,C,outH,outW)} in RoI order. */
  static NDArray pool(
      NDArray table, Shape featureShape, RoiAlign.Sampling[] s, int outH, int outW) {
    int k = s.length;
    long c = featureShape.get(1);
    long h = featureShape.get(2);
    long w = featureShape.get(3);
    NDManager mgr = table.getManager();
    DataType dt = table.getDataType();
    NDArray rows = table.reshape(-1, h, w * c);
    NDList outs = new NDList(k);
    for (int r = 0; r < k; r++) {
      AxisWeights ay = s[r].y();
      AxisWeights ax = s[r].x();
      NDArray window =
          rows.get(
              new NDIndex(
                  "{}, {}:{}, {}:{}",
                  s[r].batch(),
                  ay.start,
                  ay.start + ay.length,
                  ax.start * c,
                  (ax.start + ax.length) * c));
      NDArray my = weights(mgr, dt, ay, outH).toDevice(table.getDevice(), false);
      NDArray mx = weights(mgr, dt, ax, outW).toDevice(table.getDevice(), false);
      NDArray yPooled = my.matMul(window).reshape(outH, ax.length, c);
      outs.add(mx.matMul(yPooled));
    }
    return NDArrays.stack(outs, 0).transpose(0, 3, 1, 2);
  }

  private static NDArray weights(NDManager mgr, DataType dt, AxisWeights a, int out) {
    Shape s = new Shape(out, a.length);
    if (dt == DataType.FLOAT32) {
      float[] f = new float[a.weights.length];
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) a.weights[i];
      }
      return mgr.create(f, s);
    }
    return mgr.create(a.weights, s).toType(dt, false);
  }
}
