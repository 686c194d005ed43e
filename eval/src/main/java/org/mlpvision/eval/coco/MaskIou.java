package org.mlpvision.eval.coco;

import org.mlpvision.datasets.mask.Rle;

/**
 * Mask IoU of one image and category on the host, with maskApi.c {@code rleIou}'s values: {@code
 * inter/union}, or {@code inter/area(dt)} against a crowd, 0 without overlap. The runs are walked
 * as two sorted lists of foreground intervals, after a cheap check that the masks' pixel spans
 * (first to last foreground pixel, column-major) meet at all.
 *
 * <p>Masks of different sizes give -1 as in maskApi.c; maskApi gives 0 instead when their boxes do
 * not overlap, a difference no threshold can see (every IoU threshold is at least 0.5).
 */
final class MaskIou {
  private MaskIou() {}

  /** Runs, area and foreground span of one mask. */
  private record Extent(int[] runs, long area, long first, long end) {
    static Extent of(Rle r) {
      long pos = 0;
      long area = 0;
      long first = Long.MAX_VALUE;
      long end = 0;
      int[] counts = r.counts(); // one copy, then plain array reads
      for (int i = 0; i < counts.length; i++) {
        int c = counts[i];
        if ((i & 1) == 1 && c > 0) {
          if (first == Long.MAX_VALUE) {
            first = pos;
          }
          area += c;
          end = pos + c;
        }
        pos += c;
      }
      return new Extent(counts, area, first, end);
    }
  }

  /**
   * @return {@code iou[d*ng + g]}
   */
  static double[] matrix(Rle[] dt, Rle[] gt, boolean[] crowd) {
    int nd = dt.length;
    int ng = gt.length;
    double[] out = new double[nd * ng];
    if (nd == 0 || ng == 0) {
      return out;
    }
    Extent[] ge = new Extent[ng];
    for (int g = 0; g < ng; g++) {
      ge[g] = Extent.of(gt[g]);
    }
    for (int d = 0; d < nd; d++) {
      Rle a = dt[d];
      Extent ae = Extent.of(a);
      for (int g = 0; g < ng; g++) {
        Rle b = gt[g];
        if (a.height() != b.height() || a.width() != b.width()) {
          out[d * ng + g] = -1;
          continue;
        }
        Extent be = ge[g];
        if (ae.area == 0 || be.area == 0 || ae.first >= be.end || be.first >= ae.end) {
          continue; // no common pixel: IoU 0
        }
        long inter = intersection(ae.runs, be.runs);
        if (inter == 0) {
          continue;
        }
        long union = crowd[g] ? ae.area : ae.area + be.area - inter;
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
