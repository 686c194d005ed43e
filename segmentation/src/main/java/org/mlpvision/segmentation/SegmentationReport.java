package org.mlpvision.segmentation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mlpvision.eval.seg.SegmentationMetrics;

/**
 * mmseg's evaluation report: the per-class table ({@code Class | IoU | Acc}) and the summary table
 * ({@code Scope | mIoU | mAcc | aAcc}), in percent rounded to two decimals, drawn as
 * terminaltables' {@code AsciiTable}; and the metrics as a map ({@code aAcc}, {@code mIoU}, {@code
 * mAcc}, then {@code IoU.<class>} and {@code Acc.<class>} as mmseg names them, fractions; undefined
 * (NaN) per-class values are left out).
 */
public final class SegmentationReport {
  private SegmentationReport() {}

  /** The two tables, one line per row. */
  public static String tables(SegmentationMetrics m, List<String> classNames) {
    List<String[]> perClass = new ArrayList<>();
    perClass.add(new String[] {"Class", "IoU", "Acc"});
    for (int c = 0; c < m.numClasses(); c++) {
      perClass.add(new String[] {name(classNames, c), percent(m.iou()[c]), percent(m.acc()[c])});
    }
    List<String[]> summary = new ArrayList<>();
    summary.add(new String[] {"Scope", "mIoU", "mAcc", "aAcc"});
    summary.add(new String[] {"global", percent(m.mIoU()), percent(m.mAcc()), percent(m.aAcc())});
    return ascii(perClass) + ascii(summary);
  }

  /** The metrics as {@code vision test --json} writes them. */
  public static Map<String, Double> metrics(SegmentationMetrics m, List<String> classNames) {
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("aAcc", m.aAcc());
    out.put("mIoU", m.mIoU());
    out.put("mAcc", m.mAcc());
    for (int c = 0; c < m.numClasses(); c++) {
      if (!Double.isNaN(m.iou()[c])) {
        out.put("IoU." + name(classNames, c), m.iou()[c]);
      }
    }
    for (int c = 0; c < m.numClasses(); c++) {
      if (!Double.isNaN(m.acc()[c])) {
        out.put("Acc." + name(classNames, c), m.acc()[c]);
      }
    }
    return out;
  }

  private static String name(List<String> names, int c) {
    return c < names.size() ? names.get(c) : Integer.toString(c);
  }

  /** {@code round(100·x, 2)} as Python prints it ({@code nan} for NaN). */
  static String percent(double x) {
    if (Double.isNaN(x)) {
      return "nan";
    }
    double r = Math.round(x * 100 * 100) / 100.0;
    String s = String.format(Locale.ROOT, "%.2f", r);
    // Python's repr of a float drops trailing zeros but keeps one decimal: 43.5, 100.0.
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s + "0" : s;
  }

  /** terminaltables' AsciiTable: a border line, the header, a border, the rows, a border. */
  private static String ascii(List<String[]> rows) {
    int[] width = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    StringBuilder border = new StringBuilder("+");
    for (int w : width) {
      border.append("-".repeat(w + 2)).append('+');
    }
    StringBuilder out = new StringBuilder();
    out.append(border).append('\n');
    for (int k = 0; k < rows.size(); k++) {
      StringBuilder line = new StringBuilder("|");
      for (int i = 0; i < width.length; i++) {
        line.append(' ').append(String.format(Locale.ROOT, "%-" + width[i] + "s", rows.get(k)[i]));
        line.append(" |");
      }
      out.append(line).append('\n');
      if (k == 0) {
        out.append(border).append('\n');
      }
    }
    return out.append(border).append('\n').toString();
  }
}
