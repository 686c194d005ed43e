package org.mlpvision.eval.coco;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mlpvision.eval.NumpySum;

/**
 * The result of a COCO evaluation: pycocotools' {@code eval['precision']} ({@code [T,R,K,A,M]}) and
 * {@code eval['recall']} ({@code [T,K,A,M]}) and the 12 summary numbers of {@code summarize()},
 * each the mean of the defined (&gt; -1) entries of its slice or -1 when there are none. Means are
 * summed pairwise in numpy's order, so the numbers are bit-identical to pycocotools'.
 */
public final class CocoSummary {
  private static final String[] KEYS = {"AP", "AP50", "AP75", "APs", "APm", "APl"};
  private static final int T = CocoParams.IOU_THRESHOLDS.length;
  private static final int R = CocoParams.RECALL_THRESHOLDS.length;
  private static final int A = CocoParams.AREA_RANGES.length;

  private final IouType iouType;
  private final int[] maxDets;
  private final int[] categoryIds;
  private final double[] precision;
  private final double[] recall;
  private final double[] stats;

  CocoSummary(
      IouType iouType, int[] maxDets, int[] categoryIds, double[] precision, double[] recall) {
    this.iouType = iouType;
    this.maxDets = maxDets.clone();
    this.categoryIds = categoryIds.clone();
    this.precision = precision;
    this.recall = recall;
    int last = maxDets[2]; // cocoeval.py uses maxDets[2], not maxDets[-1]
    // cocoeval.py _summarizeDets: stats[0] asks for maxDets=100 literally, the rest for maxDets[i].
    stats =
        new double[] {
          summarize(true, -1, 0, 100),
          summarize(true, 0.5, 0, last),
          summarize(true, 0.75, 0, last),
          summarize(true, -1, 1, last),
          summarize(true, -1, 2, last),
          summarize(true, -1, 3, last),
          summarize(false, -1, 0, maxDets[0]),
          summarize(false, -1, 0, maxDets[1]),
          summarize(false, -1, 0, maxDets[2]),
          summarize(false, -1, 1, last),
          summarize(false, -1, 2, last),
          summarize(false, -1, 3, last),
        };
  }

  /**
   * Mean of the defined entries of one slice. A limit not among {@code maxDets} or a threshold not
   * among the IoU thresholds selects nothing and gives -1, as numpy's empty selection does.
   */
  private double summarize(boolean ap, double iouThr, int area, int maxDet) {
    int m = -1;
    for (int i = 0; i < maxDets.length; i++) {
      if (maxDets[i] == maxDet) {
        m = i; // limits are distinct (CocoParams), so at most one matches
      }
    }
    double[] values = new double[precision.length];
    int n = 0;
    if (m >= 0) {
      int k = categoryIds.length;
      int nm = maxDets.length;
      for (int t = 0; t < T; t++) {
        if (iouThr >= 0 && CocoParams.IOU_THRESHOLDS[t] != iouThr) {
          continue;
        }
        if (ap) {
          for (int r = 0; r < R; r++) {
            for (int c = 0; c < k; c++) {
              double v = precision[Accumulator.precisionIndex(t, r, c, area, m, k, nm)];
              if (v > -1) {
                values[n++] = v;
              }
            }
          }
        } else {
          for (int c = 0; c < k; c++) {
            double v = recall[Accumulator.recallIndex(t, c, area, m, k, nm)];
            if (v > -1) {
              values[n++] = v;
            }
          }
        }
      }
    }
    return n == 0 ? -1 : NumpySum.pairwise(values, 0, n) / n;
  }

  /** The 12 numbers in pycocotools' order ({@code COCOeval.stats}). */
  public double[] stats() {
    return stats.clone();
  }

  /** The evaluated IoU type. */
  public IouType iouType() {
    return iouType;
  }

  /** The category ids in ascending order: the positions {@code k} of {@link #precision}. */
  public int[] categoryIds() {
    return categoryIds.clone();
  }

  /** The detection limits, ascending. */
  public int[] maxDets() {
    return maxDets.clone();
  }

  /**
   * Precision at IoU threshold t, recall threshold r, category k, area range a and limit m, or -1
   * where undefined.
   */
  public double precision(int t, int r, int k, int a, int m) {
    return precision[Accumulator.precisionIndex(t, r, k, a, m, categoryIds.length, maxDets.length)];
  }

  /** Recall at IoU threshold t, category k, area range a and limit m, or -1 where undefined. */
  public double recall(int t, int k, int a, int m) {
    return recall[Accumulator.recallIndex(t, k, a, m, categoryIds.length, maxDets.length)];
  }

  /**
   * Per-category AP@[.5:.95] over all areas at {@code maxDets[2]} (detectron2's per-category
   * table), keyed by category id in ascending order; -1 for a category without ground truth.
   */
  public Map<Integer, Double> perCategoryAp() {
    Map<Integer, Double> out = new LinkedHashMap<>();
    int k = categoryIds.length;
    int nm = maxDets.length;
    for (int c = 0; c < k; c++) {
      double sum = 0;
      int n = 0;
      double[] vals = new double[T * R];
      for (int t = 0; t < T; t++) {
        for (int r = 0; r < R; r++) {
          double v = precision[Accumulator.precisionIndex(t, r, c, 0, 2, k, nm)];
          if (v > -1) {
            vals[n++] = v;
          }
        }
      }
      sum = n == 0 ? -1 : NumpySum.pairwise(vals, 0, n) / n;
      out.put(categoryIds[c], sum);
    }
    return out;
  }

  /**
   * The summary as named numbers: {@code AP AP50 AP75 APs APm APl}, then {@code AR<maxDets[i]>} for
   * each limit and {@code ARs ARm ARl}.
   */
  public Map<String, Double> toMap() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < 6; i++) {
      out.put(KEYS[i], stats[i]);
    }
    for (int i = 0; i < 3; i++) {
      out.put("AR" + maxDets[i], stats[6 + i]);
    }
    out.put("ARs", stats[9]);
    out.put("ARm", stats[10]);
    out.put("ARl", stats[11]);
    return out;
  }

  /** The 12 lines pycocotools' {@code summarize()} prints. */
  public List<String> lines() {
    int last = maxDets[2]; // cocoeval.py uses maxDets[2], not maxDets[-1]
    Object[][] rows = {
      {true, null, "all", 100},
      {true, 0.5, "all", last},
      {true, 0.75, "all", last},
      {true, null, "small", last},
      {true, null, "medium", last},
      {true, null, "large", last},
      {false, null, "all", maxDets[0]},
      {false, null, "all", maxDets[1]},
      {false, null, "all", maxDets[2]},
      {false, null, "small", last},
      {false, null, "medium", last},
      {false, null, "large", last},
    };
    List<String> out = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      boolean ap = (Boolean) rows[i][0];
      String iou =
          rows[i][1] == null
              ? String.format(Locale.ROOT, "%.2f:%.2f", 0.5, 0.95)
              : String.format(Locale.ROOT, "%.2f", (Double) rows[i][1]);
      out.add(
          String.format(
              Locale.ROOT,
              " %-18s %s @[ IoU=%-9s | area=%6s | maxDets=%3d ] = %.3f",
              ap ? "Average Precision" : "Average Recall",
              ap ? "(AP)" : "(AR)",
              iou,
              rows[i][2],
              (Integer) rows[i][3],
              stats[i]));
    }
    return out;
  }
}
