package org.mlpvision.eval.coco;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Box IoU for a flat list of (detection, ground truth) pairs as float64 tensor ops on a device, one
 * batch of ops for many images at once. Each step is the same IEEE operation in the same order as
 * maskApi.c {@code bbIou}, so the values are bit-identical to pycocotools': {@code w = min(x2) -
 * max(x1)}, 0 unless {@code w > 0} and {@code h > 0}, then {@code i/(da+ga-i)}, or {@code i/da}
 * against a crowd.
 */
final class DeviceBoxIou {
  private DeviceBoxIou() {}

  /**
   * @param scope where the temporaries live (closed by the caller)
   * @param dt detection boxes, {@code 4*nd} values {@code x,y,w,h}
   * @param gt ground-truth boxes, {@code 4*ng} values
   * @param crowd 1 for a crowd ground truth, per ground truth
   * @param pairDt detection index of each pair
   * @param pairGt ground-truth index of each pair
   * @return the IoU of each pair
   */
  static double[] pairs(
      NDManager scope, double[] dt, double[] gt, byte[] crowd, int[] pairDt, int[] pairGt) {
    if (pairDt.length == 0) {
      return new double[0];
    }
    NDArray d = scope.create(dt, new Shape(dt.length / 4, 4)).get(index(scope, pairDt));
    NDArray g = scope.create(gt, new Shape(gt.length / 4, 4)).get(index(scope, pairGt));
    NDArray c = scope.create(crowd).toType(DataType.BOOLEAN, false).get(index(scope, pairGt));
    NDArray dxy = d.get(":, 0:2");
    NDArray dwh = d.get(":, 2:4");
    NDArray gxy = g.get(":, 0:2");
    NDArray gwh = g.get(":, 2:4");
    // [w, h] of the overlap: min(x + w) - max(x), per axis
    NDArray wh = dwh.add(dxy).minimum(gwh.add(gxy)).sub(dxy.maximum(gxy));
    NDArray w = wh.get(":, 0");
    NDArray h = wh.get(":, 1");
    NDArray inter = w.mul(h);
    NDArray da = dwh.get(":, 0").mul(dwh.get(":, 1"));
    NDArray ga = gwh.get(":, 0").mul(gwh.get(":, 1"));
    NDArray union = NDArrays.where(c, da, da.add(ga).sub(inter));
    NDArray overlap = w.gt(0).logicalAnd(h.gt(0));
    // where, not a product with the mask: 0/0 (a crowd against an empty detection) is NaN
    NDArray iou =
        NDArrays.where(overlap, inter.div(union), scope.zeros(new Shape(1), DataType.FLOAT64));
    return iou.toDoubleArray();
  }

  private static NDIndex index(NDManager scope, int[] idx) {
    return new NDIndex("{}", scope.create(idx).toType(DataType.INT64, false));
  }
}
