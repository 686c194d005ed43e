package org.mlpvision.eval.coco;

/**
 * Box IoU of one image and category on the host, maskApi.c {@code bbIou} operation for operation
 * (so the same doubles as pycocotools and as {@link DeviceBoxIou}): {@code w = min(x+w) - max(x)},
 * 0 unless {@code w > 0} and {@code h > 0}, then {@code i/(da+ga-i)}, or {@code i/da} against a
 * crowd.
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
      double da = a[2] * a[3];
      for (int g = 0; g < ng; g++) {
        double[] b = gt[g].bbox();
        double w = Math.min(a[2] + a[0], b[2] + b[0]) - Math.max(a[0], b[0]);
        if (w <= 0) {
          continue;
        }
        double h = Math.min(a[3] + a[1], b[3] + b[1]) - Math.max(a[1], b[1]);
        if (h <= 0) {
          continue;
        }
        double i = w * h;
        double u = gt[g].crowd() ? da : da + b[2] * b[3] - i;
        out[d * ng + g] = i / u;
      }
    }
    return out;
  }
}
