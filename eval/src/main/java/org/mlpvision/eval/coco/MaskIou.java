package org.mlpvision.eval.coco;

import org.mlpvision.datasets.mask.Rle;

/**
 * Mask IoU of one image and category on the host, with maskApi.c {@code rleIou}'s values: {@code
 * inter/union}, or {@code inter/area(dt)} against a crowd, 0 without overlap. Pairs whose
 * foreground spans (first to last foreground pixel, column-major, known without decoding) do not
 * meet are 0 at once; the others walk the two masks' runs as sorted lists of foreground intervals,
 * so a compressed detection mask is decoded only when it can overlap a ground truth.
 *
 * <p>Masks of different sizes give -1 as in maskApi.c; maskApi gives 0 instead when their boxes do
 * not overlap, a difference no threshold can see (every IoU threshold is at least 0.5).
 */
final class MaskIou {
  private MaskIou() {}

  /**
   * @return {@code iou[d*ng + g]}
   */
  static double[] matrix(Rle[] dt, Rle[] gt, boolean[] crowd) {
    int nd = dt.length;
    int ng = gt.length;
    double[] out = new double[nd * ng];
    int[][] gtRuns = new int[ng][]; // copied when first needed
    for (int d = 0; d < nd; d++) {
      Rle a = dt[d];
      int[] aRuns = null;
      for (int g = 0; g < ng; g++) {
        Rle b = gt[g];
        if (a.height() != b.height() || a.width() != b.width()) {
          out[d * ng + g] = -1;
          continue;
        }
        if (a.area() == 0
            || b.area() == 0
            || a.foregroundStart() >= b.foregroundEnd()
            || b.foregroundStart() >= a.foregroundEnd()) {
          continue; // no common pixel: IoU 0
        }
        aRuns = aRuns == null ? a.counts() : aRuns;
        gtRuns[g] = gtRuns[g] == null ? b.counts() : gtRuns[g];
        long inter = intersection(aRuns, gtRuns[g]);
        if (inter == 0) {
          continue;
        }
        long union = crowd[g] ? a.area() : a.area() + b.area() - inter;
        out[d * ng + g] = (double) inter / (double) union;
      }
    }
    return out;
  }

  /** Common foreground pixels: a merge of the two masks' foreground intervals. */
  static long intersection(int[] a, int[] b) {
    int na = a.length;
    int nb = b.length;
    // foreground interval [as, ae) of A at odd run ia; likewise for B
    int ia = 1;
    int ib = 1;
    long as = na > 0 ? a[0] : 0;
    long bs = nb > 0 ? b[0] : 0;
    long inter = 0;
    while (ia < na && ib < nb) {
      long ae = as + a[ia];
      long be = bs + b[ib];
      long lo = Math.max(as, bs);
      long hi = Math.min(ae, be);
      if (hi > lo) {
        inter += hi - lo;
      }
      if (ae <= be) {
        // next foreground interval of A starts after its following background run
        as = ae + (ia + 1 < na ? a[ia + 1] : 0);
        ia += 2;
      } else {
        bs = be + (ib + 1 < nb ? b[ib + 1] : 0);
        ib += 2;
      }
    }
    return inter;
  }
}
