package org.mlpvision.eval.coco;

import org.mlpvision.datasets.mask.RleOps;

/**
 * Box IoU of one image and category on the host, with {@link RleOps#boxIou(double[], double[],
 * boolean)}: maskApi.c {@code bbIou} operation for operation, so the same doubles as pycocotools
 * and as {@link DeviceBoxIou}.
 */
final class HostBoxIou {
  private HostBoxIou() {}

  /**
   * @return {@code iou[d*ng + g]}
   */
  static double[] matrix(Detection[] dt, GroundTruthObject[] gt) {
    int nd = dt.length;
    int ng = gt.length;
    double[] out = new double[nd * ng];
    for (int d = 0; d < nd; d++) {
      double[] a = dt[d].bbox();
      for (int g = 0; g < ng; g++) {
        out[d * ng + g] = RleOps.boxIou(a, gt[g].bbox(), gt[g].crowd());
      }
    }
    return out;
  }
}
