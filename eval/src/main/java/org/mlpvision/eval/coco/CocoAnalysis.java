package org.mlpvision.eval.coco;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlpvision.datasets.coco.CocoCategory;
import org.mlpvision.eval.NumpySum;

/**
 * The result of a {@link CocoAnalyzer}: for each breakdown row ({@link CocoAnalyzer#ROWS}),
 * category and area range, the precision at the 101 recall thresholds, and its area under the curve
 * (the mean over the recall thresholds, which for {@code C75} is the category's AP at IoU .75). A
 * category without ground truth in an area range has no curves there; the overall curve of an area
 * range is, at each recall threshold, the mean over the categories that have curves (as COCO's AP
 * averages only defined precision values).
 */
public final class CocoAnalysis {
  /** Area range names, in pycocotools' order. */
  public static final List<String> AREAS = List.of(CocoParams.AREA_LABELS);

  private static final int R = CocoParams.RECALL_THRESHOLDS.length;
  private static final int A = CocoParams.AREA_RANGES.length;

  private final IouType iouType;
  private final List<CocoCategory> categories;
  private final double[][][][] curves; // [row][category][area] -> precision at R recalls, or null

  CocoAnalysis(
      IouType iouType,
      List<CocoCategory> categories,
      double[] tight,
      double[] similar,
      double[] other) {
    this.iouType = iouType;
    this.categories = List.copyOf(categories);
    int k = categories.size();
    int rows = CocoAnalyzer.ROWS.size();
    curves = new double[rows][k][A][];
    for (int c = 0; c < k; c++) {
      for (int a = 0; a < A; a++) {
        if (tight[Accumulator.precisionIndex(0, 0, c, a, 0, k, 1)] < 0) {
          continue; // no ground truth of this category in this area range
        }
        double[][] row = new double[rows][R];
        for (int r = 0; r < R; r++) {
          for (int t = 0; t < 3; t++) {
            row[t][r] = tight[Accumulator.precisionIndex(t, r, c, a, 0, k, 1)];
          }
          row[3][r] = similar[Accumulator.precisionIndex(0, r, c, a, 0, k, 1)];
          row[4][r] = other[Accumulator.precisionIndex(0, r, c, a, 0, k, 1)];
          row[5][r] = row[4][r] > 0 ? 1 : 0;
          row[6][r] = 1;
        }
        for (int i = 0; i < rows; i++) {
          curves[i][c][a] = row[i];
        }
      }
    }
  }

  /** The analyzed IoU type. */
  public IouType iouType() {
    return iouType;
  }

  /** The categories in ascending id order, as their positions in the curves. */
  public List<CocoCategory> categories() {
    return categories;
  }

  /**
   * The precision of {@code row} for category position {@code k} and area range {@code a} at the
   * 101 recall thresholds, or null when the category has no ground truth in that range.
   */
  public double[] curve(String row, int k, int a) {
    double[] c = curves[rowIndex(row)][k][a];
    return c == null ? null : c.clone();
  }

  /**
   * The mean curve over the categories that have one in area range {@code a}, or null when none
   * has.
   */
  public double[] overall(String row, int a) {
    double[][][] of = curves[rowIndex(row)];
    double[] sum = new double[R];
    int n = 0;
    for (double[][] category : of) {
      double[] c = category[a];
      if (c != null) {
        for (int r = 0; r < R; r++) {
          sum[r] += c[r];
        }
        n++;
      }
    }
    if (n == 0) {
      return null;
    }
    for (int r = 0; r < R; r++) {
      sum[r] /= n;
    }
    return sum;
  }

  /** Area under a curve: its mean over the recall thresholds (numpy's summation order). */
  public static double auc(double[] curve) {
    return NumpySum.pairwise(curve, 0, curve.length) / curve.length;
  }

  private static int rowIndex(String row) {
    int i = CocoAnalyzer.ROWS.indexOf(row);
    if (i < 0) {
      throw new IllegalArgumentException(
          "no analysis row " + row + "; rows are " + CocoAnalyzer.ROWS);
    }
    return i;
  }

  /**
   * Every number as nested maps for JSON: {@code iou_type}, {@code max_dets}, {@code
   * recall_thresholds}, {@code rows}; {@code overall} and each of {@code categories} (by id, with
   * {@code name} and {@code supercategory}) hold per area range ({@code all}, {@code small}, ...)
   * an {@code auc} and a {@code precision} curve per row, or null where there is no ground truth.
   */
  public Map<String, Object> toMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("iou_type", iouType.cocoName());
    out.put("max_dets", CocoAnalyzer.MAX_DETS);
    List<Double> recalls = new ArrayList<>();
    for (double r : CocoParams.RECALL_THRESHOLDS) {
      recalls.add(r);
    }
    out.put("recall_thresholds", recalls);
    out.put("rows", CocoAnalyzer.ROWS);
    Map<String, Object> overall = new LinkedHashMap<>();
    for (int a = 0; a < A; a++) {
      final int area = a;
      overall.put(AREAS.get(a), rows(row -> overall(row, area)));
    }
    out.put("overall", overall);
    Map<String, Object> perCategory = new LinkedHashMap<>();
    for (int c = 0; c < categories.size(); c++) {
      CocoCategory cat = categories.get(c);
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("name", cat.name());
      e.put("supercategory", cat.supercategory());
      for (int a = 0; a < A; a++) {
        final int k = c;
        final int area = a;
        e.put(AREAS.get(a), rows(row -> curve(row, k, area)));
      }
      perCategory.put(Long.toString(cat.id()), e);
    }
    out.put("categories", perCategory);
    return out;
  }

  private static Map<String, Object> rows(java.util.function.Function<String, double[]> curve) {
    if (curve.apply(CocoAnalyzer.ROWS.get(0)) == null) {
      return null;
    }
    Map<String, Object> auc = new LinkedHashMap<>();
    Map<String, Object> precision = new LinkedHashMap<>();
    for (String row : CocoAnalyzer.ROWS) {
      double[] c = curve.apply(row);
      auc.put(row, auc(c));
      List<Double> values = new ArrayList<>(c.length);
      for (double v : c) {
        values.add(v);
      }
      precision.put(row, values);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("auc", auc);
    out.put("precision", precision);
    return out;
  }
}
