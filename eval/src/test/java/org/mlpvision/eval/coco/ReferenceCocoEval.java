package org.mlpvision.eval.coco;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mlpvision.datasets.mask.Rle;

/**
 * A deliberately plain transcription of pycocotools' cocoeval.py (evaluate, computeIoU,
 * evaluateImg, accumulate, summarize), with lists and maps and host IoUs written out longhand
 * (boxes as in bbIou, masks on decoded bitmaps). Slow and obvious; the fast evaluator must agree
 * with it.
 */
final class ReferenceCocoEval {
  /** A detection with its image, as loadRes keeps it (ids from 1 in file order). */
  record Dt(
      long id, long imageId, int categoryId, double[] bbox, double score, double area, Rle mask) {}

  /** evaluateImg's dictionary. */
  record EvalImg(double[] dtScores, long[][] dtMatches, boolean[][] dtIgnore, boolean[] gtIgnore) {}

  final double[] precision;
  final double[] recall;
  final double[] stats;

  ReferenceCocoEval(
      long[] imgIdsSorted,
      int[] catIdsSorted,
      List<GroundTruthObject> gts,
      List<Dt> dts,
      IouType type,
      int[] maxDets) {
    this(imgIdsSorted, catIdsSorted, gts, dts, type, maxDets, cocoThresholds(), g -> false);
  }

  private static double[] cocoThresholds() {
    double[] iouThrs = new double[10];
    for (int i = 0; i < 10; i++) {
      iouThrs[i] = i * ((0.95 - 0.5) / 9) + 0.5;
    }
    iouThrs[9] = 0.95;
    return iouThrs;
  }

  /**
   * With other IoU thresholds and ground truths flagged {@code ignore} (the MATLAB API's field,
   * which the error analysis sets); {@link #stats} is null unless there are 10 thresholds and 3
   * limits.
   */
  ReferenceCocoEval(
      long[] imgIdsSorted,
      int[] catIdsSorted,
      List<GroundTruthObject> gts,
      List<Dt> dts,
      IouType type,
      int[] maxDets,
      double[] iouThrs,
      java.util.function.Predicate<GroundTruthObject> flagged) {
    int nt = iouThrs.length;
    double[] recThrs = new double[101];
    for (int i = 0; i < 101; i++) {
      recThrs[i] = i * 0.01;
    }
    recThrs[100] = 1.0;
    double[][] areaRng = {{0, 1e10}, {0, 1024}, {1024, 9216}, {9216, 1e10}};

    // _prepare
    Map<String, List<GroundTruthObject>> gtsByKey = new HashMap<>();
    Map<String, List<Dt>> dtsByKey = new HashMap<>();
    for (GroundTruthObject g : gts) {
      gtsByKey.computeIfAbsent(g.imageId() + "/" + g.categoryId(), x -> new ArrayList<>()).add(g);
    }
    for (Dt d : dts) {
      dtsByKey.computeIfAbsent(d.imageId() + "/" + d.categoryId(), x -> new ArrayList<>()).add(d);
    }
    int maxDet = maxDets[maxDets.length - 1];

    // evaluate: evalImgs[k][a][i]
    int nk = catIdsSorted.length;
    int ni = imgIdsSorted.length;
    EvalImg[][][] evalImgs = new EvalImg[nk][4][ni];
    for (int k = 0; k < nk; k++) {
      for (int i = 0; i < ni; i++) {
        String key = imgIdsSorted[i] + "/" + catIdsSorted[k];
        List<GroundTruthObject> g = gtsByKey.getOrDefault(key, List.of());
        List<Dt> d = dtsByKey.getOrDefault(key, List.of());
        double[][] ious = computeIou(g, d, type, maxDet);
        for (int a = 0; a < 4; a++) {
          evalImgs[k][a][i] = evaluateImg(g, d, ious, areaRng[a], maxDet, iouThrs, flagged);
        }
      }
    }

    // accumulate
    int t0 = nt;
    int r0 = 101;
    int m0 = maxDets.length;
    precision = new double[t0 * r0 * nk * 4 * m0];
    recall = new double[t0 * nk * 4 * m0];
    java.util.Arrays.fill(precision, -1);
    java.util.Arrays.fill(recall, -1);
    for (int k = 0; k < nk; k++) {
      for (int a = 0; a < 4; a++) {
        for (int m = 0; m < m0; m++) {
          List<EvalImg> e = new ArrayList<>();
          for (int i = 0; i < ni; i++) {
            if (evalImgs[k][a][i] != null) {
              e.add(evalImgs[k][a][i]);
            }
          }
          if (e.isEmpty()) {
            continue;
          }
          List<double[]> rows = new ArrayList<>(); // {score, position}
          List<long[]> matchCols = new ArrayList<>();
          List<boolean[]> ignoreCols = new ArrayList<>();
          int npig = 0;
          for (EvalImg x : e) {
            int n = Math.min(x.dtScores.length, maxDets[m]);
            for (int d = 0; d < n; d++) {
              rows.add(new double[] {x.dtScores[d], rows.size()});
              long[] mc = new long[nt];
              boolean[] ic = new boolean[nt];
              for (int t = 0; t < nt; t++) {
                mc[t] = x.dtMatches[t][d];
                ic[t] = x.dtIgnore[t][d];
              }
              matchCols.add(mc);
              ignoreCols.add(ic);
            }
            for (boolean ig : x.gtIgnore) {
              if (!ig) {
                npig++;
              }
            }
          }
          if (npig == 0) {
            continue;
          }
          List<double[]> sorted = new ArrayList<>(rows);
          // List.sort is stable: ties keep concatenation order, like mergesort on -score.
          sorted.sort(Comparator.comparingDouble((double[] r) -> -r[0]));
          int nd = sorted.size();
          for (int t = 0; t < nt; t++) {
            double[] tpSum = new double[nd];
            double[] fpSum = new double[nd];
            double tp = 0;
            double fp = 0;
            for (int j = 0; j < nd; j++) {
              int pos = (int) sorted.get(j)[1];
              boolean matched = matchCols.get(pos)[t] != 0;
              boolean ignored = ignoreCols.get(pos)[t];
              if (matched && !ignored) {
                tp++;
              }
              if (!matched && !ignored) {
                fp++;
              }
              tpSum[j] = tp;
              fpSum[j] = fp;
            }
            double[] rc = new double[nd];
            double[] pr = new double[nd];
            for (int j = 0; j < nd; j++) {
              rc[j] = tpSum[j] / npig;
              pr[j] = tpSum[j] / (fpSum[j] + tpSum[j] + Math.ulp(1.0));
            }
            recall[((t * nk + k) * 4 + a) * m0 + m] = nd > 0 ? rc[nd - 1] : 0;
            for (int j = nd - 1; j > 0; j--) {
              if (pr[j] > pr[j - 1]) {
                pr[j - 1] = pr[j];
              }
            }
            for (int r = 0; r < r0; r++) {
              int idx = 0;
              while (idx < nd && rc[idx] < recThrs[r]) {
                idx++;
              }
              double q = idx < nd ? pr[idx] : 0;
              precision[(((t * r0 + r) * nk + k) * 4 + a) * m0 + m] = q;
            }
          }
        }
      }
    }

    // summarize
    if (nt != 10 || maxDets.length < 3) {
      stats = null;
      return;
    }
    stats = new double[12];
    stats[0] = summarize(true, -1, 0, 100, maxDets, iouThrs, nk);
    stats[1] = summarize(true, 0.5, 0, maxDets[2], maxDets, iouThrs, nk);
    stats[2] = summarize(true, 0.75, 0, maxDets[2], maxDets, iouThrs, nk);
    stats[3] = summarize(true, -1, 1, maxDets[2], maxDets, iouThrs, nk);
    stats[4] = summarize(true, -1, 2, maxDets[2], maxDets, iouThrs, nk);
    stats[5] = summarize(true, -1, 3, maxDets[2], maxDets, iouThrs, nk);
    stats[6] = summarize(false, -1, 0, maxDets[0], maxDets, iouThrs, nk);
    stats[7] = summarize(false, -1, 0, maxDets[1], maxDets, iouThrs, nk);
    stats[8] = summarize(false, -1, 0, maxDets[2], maxDets, iouThrs, nk);
    stats[9] = summarize(false, -1, 1, maxDets[2], maxDets, iouThrs, nk);
    stats[10] = summarize(false, -1, 2, maxDets[2], maxDets, iouThrs, nk);
    stats[11] = summarize(false, -1, 3, maxDets[2], maxDets, iouThrs, nk);
  }

  private double summarize(
      boolean ap, double iouThr, int a, int maxDet, int[] maxDets, double[] iouThrs, int nk) {
    double sum = 0;
    int n = 0;
    int m0 = maxDets.length;
    for (int m = 0; m < m0; m++) {
      if (maxDets[m] != maxDet) {
        continue;
      }
      for (int t = 0; t < 10; t++) {
        if (iouThr >= 0 && iouThrs[t] != iouThr) {
          continue;
        }
        if (ap) {
          for (int r = 0; r < 101; r++) {
            for (int k = 0; k < nk; k++) {
              double v = precision[(((t * 101 + r) * nk + k) * 4 + a) * m0 + m];
              if (v > -1) {
                sum += v;
                n++;
              }
            }
          }
        } else {
          for (int k = 0; k < nk; k++) {
            double v = recall[((t * nk + k) * 4 + a) * m0 + m];
            if (v > -1) {
              sum += v;
              n++;
            }
          }
        }
      }
    }
    return n == 0 ? -1 : sum / n;
  }

  private static List<Dt> sortedByScore(List<Dt> d) {
    List<Dt> s = new ArrayList<>(d);
    s.sort((x, y) -> x.score() > y.score() ? -1 : (x.score() < y.score() ? 1 : 0));
    return s;
  }

  private static double[][] computeIou(
      List<GroundTruthObject> g, List<Dt> d, IouType type, int maxDet) {
    List<Dt> dt = sortedByScore(d);
    if (dt.size() > maxDet) {
      dt = dt.subList(0, maxDet);
    }
    double[][] o = new double[dt.size()][g.size()];
    for (int i = 0; i < dt.size(); i++) {
      for (int j = 0; j < g.size(); j++) {
        o[i][j] =
            type == IouType.BBOX
                ? boxIou(dt.get(i).bbox(), g.get(j).bbox(), g.get(j).crowd())
                : maskIou(dt.get(i).mask(), g.get(j).mask(), g.get(j).crowd());
      }
    }
    return o;
  }

  static double boxIou(double[] db, double[] gb, boolean crowd) {
    double w = Math.min(db[2] + db[0], gb[2] + gb[0]) - Math.max(db[0], gb[0]);
    double h = Math.min(db[3] + db[1], gb[3] + gb[1]) - Math.max(db[1], gb[1]);
    if (w <= 0 || h <= 0) {
      return 0;
    }
    double i = w * h;
    double da = db[2] * db[3];
    double u = crowd ? da : da + gb[2] * gb[3] - i;
    return i / u;
  }

  /** On decoded bitmaps; 0 without box overlap, -1 for different sizes, as rleIou. */
  static double maskIou(Rle dt, Rle gt, boolean crowd) {
    if (boxIou(dt.bbox(), gt.bbox(), false) <= 0) {
      return 0;
    }
    if (dt.height() != gt.height() || dt.width() != gt.width()) {
      return -1;
    }
    byte[] a = dt.toBitmap();
    byte[] b = gt.toBitmap();
    long inter = 0;
    long union = 0;
    long areaA = 0;
    for (int p = 0; p < a.length; p++) {
      if (a[p] != 0 && b[p] != 0) {
        inter++;
      }
      if (a[p] != 0 || b[p] != 0) {
        union++;
      }
      if (a[p] != 0) {
        areaA++;
      }
    }
    if (inter == 0) {
      return 0;
    }
    return (double) inter / (crowd ? areaA : union);
  }

  private static EvalImg evaluateImg(
      List<GroundTruthObject> gAll,
      List<Dt> dAll,
      double[][] iousAll,
      double[] aRng,
      int maxDet,
      double[] iouThrs,
      java.util.function.Predicate<GroundTruthObject> flagged) {
    int nt = iouThrs.length;
    if (gAll.isEmpty() && dAll.isEmpty()) {
      return null;
    }
    int ng = gAll.size();
    boolean[] ignoreOrig = new boolean[ng];
    for (int j = 0; j < ng; j++) {
      GroundTruthObject g = gAll.get(j);
      ignoreOrig[j] = g.crowd() || flagged.test(g) || g.area() < aRng[0] || g.area() > aRng[1];
    }
    List<Integer> gtind = new ArrayList<>();
    for (int j = 0; j < ng; j++) {
      gtind.add(j);
    }
    gtind.sort(Comparator.comparingInt(j -> ignoreOrig[j] ? 1 : 0));
    List<GroundTruthObject> gt = new ArrayList<>();
    boolean[] gtIg = new boolean[ng];
    for (int j = 0; j < ng; j++) {
      gt.add(gAll.get(gtind.get(j)));
      gtIg[j] = ignoreOrig[gtind.get(j)];
    }
    List<Dt> dt = sortedByScore(dAll);
    if (dt.size() > maxDet) {
      dt = dt.subList(0, maxDet);
    }
    int nd = dt.size();
    long[][] gtm = new long[nt][ng];
    long[][] dtm = new long[nt][nd];
    boolean[][] dtIg = new boolean[nt][nd];
    if (iousAll.length > 0 && ng > 0) {
      for (int t = 0; t < nt; t++) {
        for (int d = 0; d < nd; d++) {
          double iou = Math.min(iouThrs[t], 1 - 1e-10);
          int m = -1;
          for (int j = 0; j < ng; j++) {
            if (gtm[t][j] > 0 && !gt.get(j).crowd()) {
              continue;
            }
            if (m > -1 && !gtIg[m] && gtIg[j]) {
              break;
            }
            double v = iousAll[d][gtind.get(j)];
            if (v < iou) {
              continue;
            }
            iou = v;
            m = j;
          }
          if (m == -1) {
            continue;
          }
          dtIg[t][d] = gtIg[m];
          dtm[t][d] = gt.get(m).id();
          gtm[t][m] = dt.get(d).id();
        }
      }
    }
    for (int t = 0; t < nt; t++) {
      for (int d = 0; d < nd; d++) {
        double area = dt.get(d).area();
        boolean outside = area < aRng[0] || area > aRng[1];
        dtIg[t][d] = dtIg[t][d] || (dtm[t][d] == 0 && outside);
      }
    }
    double[] scores = new double[nd];
    for (int d = 0; d < nd; d++) {
      scores[d] = dt.get(d).score();
    }
    return new EvalImg(scores, dtm, dtIg, gtIg);
  }
}
