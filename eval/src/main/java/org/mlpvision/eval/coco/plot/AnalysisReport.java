package org.mlpvision.eval.coco.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.mlpvision.core.config.ConfigLoader;
import org.mlpvision.datasets.coco.CocoCategory;
import org.mlpvision.eval.coco.CocoAnalysis;
import org.mlpvision.eval.coco.CocoAnalyzer;
import org.mlpvision.eval.coco.CocoParams;
import org.mlpvision.eval.coco.CocoSummary;

/**
 * Writes one IoU type's error analysis and precision-recall curves into a folder, as PNG plots
 * (XChart) whose legends carry the area under each curve, and the same numbers as JSON:
 *
 * <ul>
 *   <li>{@code analysis.json}: {@link CocoAnalysis#toMap()} plus {@code pr_curves};
 *   <li>{@code overall-all.png}, {@code overall-small.png}, {@code overall-medium.png}, {@code
 *       overall-large.png}: the breakdown (C75, C50, Loc, Sim, Oth, BG, FN) averaged over the
 *       categories, drawn as nested areas like the COCO detection-evaluation page;
 *   <li>{@code categories/<id>-<name>.png}: each category's breakdown, all areas;
 *   <li>{@code pr-curves.png}: the evaluation's precision-recall curve at each IoU threshold .50 to
 *       .95 (all areas, the third detection limit, averaged over categories); the area under the
 *       .50 curve is AP50, under the .75 curve AP75, and their mean over the ten curves is AP.
 * </ul>
 */
public final class AnalysisReport {
  /** Width of every plot in pixels. */
  public static final int WIDTH = 800;

  /** Height of every plot in pixels. */
  public static final int HEIGHT = 600;

  private static final Color[] ROW_COLORS = {
    new Color(0x45, 0x45, 0x45), // C75
    new Color(0x9a, 0x9a, 0x9a), // C50
    new Color(0x4f, 0x82, 0xbd), // Loc
    new Color(0xc0, 0x50, 0x4d), // Sim
    new Color(0x5c, 0xe6, 0x61), // Oth
    new Color(0x80, 0x64, 0xa2), // BG
    new Color(0xff, 0x99, 0x00), // FN
  };

  private AnalysisReport() {}

  /**
   * Writes the files into {@code dir} (created when missing).
   *
   * @param summary the evaluation of the same detections, for the PR curves
   * @return the files written
   */
  public static List<Path> write(CocoAnalysis analysis, CocoSummary summary, Path dir)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    Files.createDirectories(dir.resolve("categories"));
    Map<String, Object> json = new LinkedHashMap<>(analysis.toMap());
    json.put("pr_curves", prCurves(summary));
    Path jsonFile = dir.resolve("analysis.json");
    ConfigLoader.mapper().writerWithDefaultPrettyPrinter().writeValue(jsonFile.toFile(), json);

    String type = analysis.iouType().cocoName();
    List<Path> out = new ArrayList<>(List.of(jsonFile));
    List<Runnable> plots = new ArrayList<>();
    for (int a = 0; a < CocoAnalysis.AREAS.size(); a++) {
      String area = CocoAnalysis.AREAS.get(a);
      Path png = dir.resolve("overall-" + area + ".png");
      final int range = a;
      plots.add(
          () -> breakdown(type + " overall-" + area, row -> analysis.overall(row, range), png));
      out.add(png);
    }
    List<CocoCategory> cats = analysis.categories();
    for (int k = 0; k < cats.size(); k++) {
      CocoCategory c = cats.get(k);
      Path png = dir.resolve("categories").resolve(c.id() + "-" + fileSafe(c.name()) + ".png");
      String title = type + " " + c.supercategory() + "-" + c.name() + "-all";
      final int category = k;
      plots.add(() -> breakdown(title, row -> analysis.curve(row, category, 0), png));
      out.add(png);
    }
    Path pr = dir.resolve("pr-curves.png");
    plots.add(() -> prPlot(type, summary, pr));
    out.add(pr);
    try {
      plots.parallelStream().forEach(Runnable::run);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    out.removeIf(p -> !Files.exists(p)); // categories without ground truth have no plot
    return out;
  }

  /** The breakdown plot of one category or the overall mean; nothing when there is no curve. */
  private static void breakdown(
      String title, java.util.function.Function<String, double[]> curve, Path png) {
    if (curve.apply(CocoAnalyzer.ROWS.get(0)) == null) {
      return;
    }
    XYChart chart = chart(title);
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
    // Widest area first, so that each narrower one is drawn over it (nested areas).
    for (int i = CocoAnalyzer.ROWS.size() - 1; i >= 0; i--) {
      String row = CocoAnalyzer.ROWS.get(i);
      double[] y = curve.apply(row);
      XYSeries s = chart.addSeries(label(CocoAnalysis.auc(y), row), recalls(), y);
      s.setMarker(SeriesMarkers.NONE);
      s.setFillColor(ROW_COLORS[i]);
      s.setLineColor(ROW_COLORS[i].darker());
    }
    save(chart, png);
  }

  private static void prPlot(String type, CocoSummary summary, Path png) {
    XYChart chart = chart(type + " precision-recall, all areas, maxDets=" + summary.maxDets()[2]);
    double[][] curves = overallPr(summary);
    for (int t = 0; t < curves.length; t++) {
      if (curves[t] == null) {
        continue;
      }
      String name =
          String.format(Locale.ROOT, "IoU=%.2f", CocoParams.IOU_THRESHOLDS[t]).replace("0.", ".");
      XYSeries s = chart.addSeries(label(CocoAnalysis.auc(curves[t]), name), recalls(), curves[t]);
      s.setMarker(SeriesMarkers.NONE);
    }
    if (!chart.getSeriesMap().isEmpty()) {
      save(chart, png);
    }
  }

  /**
   * Per IoU threshold, the mean over categories (with ground truth) of the evaluation's precision
   * at each recall threshold, for all areas and the third detection limit (null without ground
   * truth).
   */
  static double[][] overallPr(CocoSummary summary) {
    int k = summary.categoryIds().length;
    int nr = CocoParams.RECALL_THRESHOLDS.length;
    double[][] out = new double[CocoParams.IOU_THRESHOLDS.length][];
    for (int t = 0; t < out.length; t++) {
      double[] mean = new double[nr];
      int n = 0;
      for (int c = 0; c < k; c++) {
        if (summary.precision(t, 0, c, 0, 2) < 0) {
          continue;
        }
        for (int r = 0; r < nr; r++) {
          mean[r] += summary.precision(t, r, c, 0, 2);
        }
        n++;
      }
      if (n > 0) {
        for (int r = 0; r < nr; r++) {
          mean[r] /= n;
        }
        out[t] = mean;
      }
    }
    return out;
  }

  private static Map<String, Object> prCurves(CocoSummary summary) {
    double[][] curves = overallPr(summary);
    List<Double> thresholds = new ArrayList<>();
    List<Object> auc = new ArrayList<>();
    List<Object> precision = new ArrayList<>();
    for (int t = 0; t < curves.length; t++) {
      thresholds.add(CocoParams.IOU_THRESHOLDS[t]);
      auc.add(curves[t] == null ? null : CocoAnalysis.auc(curves[t]));
      precision.add(curves[t] == null ? null : toList(curves[t]));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("area", "all");
    out.put("max_dets", summary.maxDets()[2]);
    out.put("iou_thresholds", thresholds);
    out.put("auc", auc);
    out.put("precision", precision);
    return out;
  }

  private static List<Double> toList(double[] values) {
    List<Double> out = new ArrayList<>(values.length);
    for (double v : values) {
      out.add(v);
    }
    return out;
  }

  private static XYChart chart(String title) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle("recall")
            .yAxisTitle("precision")
            .build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
    chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    return chart;
  }

  /**
   * The legend entry: the area under the curve with three decimals, as the MATLAB API writes it.
   */
  private static String label(double auc, String name) {
    return String.format(Locale.ROOT, "[%.3f] %s", auc, name);
  }

  private static double[] recalls() {
    return CocoParams.RECALL_THRESHOLDS.clone();
  }

  private static void save(XYChart chart, Path png) {
    BufferedImage image = BitmapEncoder.getBufferedImage(chart);
    try {
      ImageIO.write(image, "png", png.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String fileSafe(String name) {
    String s = name.replaceAll("[^A-Za-z0-9._-]+", "_");
    return s.isEmpty() ? "category" : s;
  }
}
