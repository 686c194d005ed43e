package org.mlpvision.datasets.mask;

import java.util.Arrays;
import java.util.List;

/**
 * Operations on several RLE masks, following maskApi.c: union or intersection ({@code rleMerge}),
 * mask IoU ({@code rleIou}) and box IoU ({@code bbIou}), both with COCO's crowd rule: against a
 * crowd ground truth the denominator is the detection's own area, not the union.
 */
public final class RleOps {
  private RleOps() {}

  /**
   * Union ({@code intersect=false}) or intersection of masks of one size, walking the runs without
   * decoding.
   *
   * @throws IllegalArgumentException when the list is empty or the sizes differ
   */
  public static Rle merge(List<Rle> masks, boolean intersect) {
    if (masks.isEmpty()) {
      throw new IllegalArgumentException("cannot merge an empty list of masks");
    }
    Rle first = masks.get(0);
    int h = first.height();
    int w = first.width();
    if (masks.size() == 1) {
      return first;
    }
    int[] cnts = first.counts();
    int m = cnts.length;
    int[] out = new int[h * w + 1];
    for (int i = 1; i < masks.size(); i++) {
      Rle b = masks.get(i);
      if (b.height() != h || b.width() != w) {
        throw new IllegalArgumentException(
            "cannot merge masks of sizes " + h + "x" + w + " and " + b.height() + "x" + b.width());
      }
      int[] a = Arrays.copyOf(cnts, m);
      int am = m;
      long ca = am > 0 ? a[0] : 0;
      long cb = b.runs() > 0 ? b.count(0) : 0;
      boolean v = false;
      boolean va = false;
      boolean vb = false;
      m = 0;
      int ia = 1;
      int ib = 1;
      long cc = 0;
      long ct = 1;
      while (ct > 0) {
        long c = Math.min(ca, cb);
        cc += c;
        ct = 0;
        ca -= c;
        if (ca == 0 && ia < am) {
          ca = a[ia++];
          va = !va;
        }
        ct += ca;
        cb -= c;
        if (cb == 0 && ib < b.runs()) {
          cb = b.count(ib++);
          vb = !vb;
        }
        ct += cb;
        boolean vp = v;
        v = intersect ? va && vb : va || vb;
        if (v != vp || ct == 0) {
          out[m++] = (int) cc;
          cc = 0;
        }
      }
      cnts = Arrays.copyOf(out, m);
    }
    return new Rle(h, w, cnts);
  }

  /**
   * Box IoU matrix {@code [detection][groundTruth]} for {@code [x,y,w,h]} boxes (no +1). A crowd
   * ground truth divides by the detection's area instead of the union.
   *
   * @param crowd per ground truth; {@code null} means none is a crowd
   */
  public static double[][] boxIou(double[][] dt, double[][] gt, boolean[] crowd) {
    double[][] o = new double[dt.length][gt.length];
    for (int g = 0; g < gt.length; g++) {
      boolean isCrowd = crowd != null && crowd[g];
      for (int d = 0; d < dt.length; d++) {
        o[d][g] = boxIou(dt[d], gt[g], isCrowd);
      }
    }
    return o;
  }

  /**
   * IoU of one detection box with one ground-truth box, maskApi.c {@code bbIou} operation for
   * operation (so the same double): {@code w = min(x+w) - max(x)}, 0 unless {@code w > 0} and
   * {@code h > 0}, then {@code i/(da+ga-i)}, or {@code i/da} against a crowd.
   */
  public static double boxIou(double[] db, double[] gb, boolean crowd) {
    double w = Math.min(db[2] + db[0], gb[2] + gb[0]) - Math.max(db[0], gb[0]);
    if (w <= 0) {
      return 0;
    }
    double h = Math.min(db[3] + db[1], gb[3] + gb[1]) - Math.max(db[1], gb[1]);
    if (h <= 0) {
      return 0;
    }
    double i = w * h;
    double da = db[2] * db[3];
    return i / (crowd ? da : da + gb[2] * gb[3] - i);
  }

  /**
   * Mask IoU matrix {@code [detection][groundTruth]}. Pairs whose boxes do not overlap are 0
   * without walking the runs; pairs of different mask sizes are -1, as in maskApi.c.
   *
   * @param crowd per ground truth; {@code null} means none is a crowd
   */
  public static double[][] iou(List<Rle> dt, List<Rle> gt, boolean[] crowd) {
    double[][] db = new double[dt.size()][];
    double[][] gb = new double[gt.size()][];
    for (int d = 0; d < db.length; d++) {
      db[d] = dt.get(d).bbox();
    }
    for (int g = 0; g < gb.length; g++) {
      gb[g] = gt.get(g).bbox();
    }
    double[][] o = boxIou(db, gb, crowd);
    for (int g = 0; g < gb.length; g++) {
      boolean isCrowd = crowd != null && crowd[g];
      Rle b = gt.get(g);
      for (int d = 0; d < db.length; d++) {
        if (o[d][g] <= 0) {
          continue;
        }
        Rle a = dt.get(d);
        if (a.height() != b.height() || a.width() != b.width()) {
          o[d][g] = -1;
          continue;
        }
        o[d][g] = maskIou(a, b, isCrowd);
      }
    }
    return o;
  }

  private static double maskIou(Rle a, Rle b, boolean crowd) {
    long ca = a.count(0);
    long cb = b.count(0);
    boolean va = false;
    boolean vb = false;
    int ia = 1;
    int ib = 1;
    long inter = 0;
    long union = 0;
    long ct = 1;
    while (ct > 0) {
      long c = Math.min(ca, cb);
      if (va || vb) {
        union += c;
        if (va && vb) {
          inter += c;
        }
      }
      ct = 0;
      ca -= c;
      if (ca == 0 && ia < a.runs()) {
        ca = a.count(ia++);
        va = !va;
      }
      ct += ca;
      cb -= c;
      if (cb == 0 && ib < b.runs()) {
        cb = b.count(ib++);
        vb = !vb;
      }
      ct += cb;
    }
    if (inter == 0) {
      union = 1;
    } else if (crowd) {
      union = a.area();
    }
    return (double) inter / union;
  }
}
