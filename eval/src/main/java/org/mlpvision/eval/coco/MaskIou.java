package org.mlpvision.eval.coco;

import java.util.Arrays;
import org.mlpvision.datasets.mask.Rle;
import org.mlpvision.datasets.mask.RleOps;

/**
 * Mask IoU of one image and category on the host: maskApi.c {@code rleIou} (box pre-check, run
 * walk, crowd rule, -1 for masks of different sizes) from the datasets module's codec, flattened to
 * {@code iou[d*ng + g]}.
 */
final class MaskIou {
  private MaskIou() {}

  static double[] matrix(Rle[] dt, Rle[] gt, boolean[] crowd) {
    if (dt.length == 0 || gt.length == 0) {
      return new double[0];
    }
    double[][] m = RleOps.iou(Arrays.asList(dt), Arrays.asList(gt), crowd);
    double[] out = new double[dt.length * gt.length];
    for (int d = 0; d < dt.length; d++) {
      System.arraycopy(m[d], 0, out, d * gt.length, gt.length);
    }
    return out;
  }
}
