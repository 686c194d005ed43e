package org.mlpvision.core.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Draws the loss and learning-rate curves of a {@code metrics.jsonl} file into a PNG (XChart). */
public final class CurvePlot {
  private CurvePlot() {}

  /**
   * Writes {@code png} from the training lines of {@code metrics}; lines without a {@code loss}
   * (validation lines) are skipped.
   *
   * @return whether there was anything to plot
   */
  public static boolean write(Path metrics, Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    List<Double> iters = new ArrayList<>();
    List<Double> loss = new ArrayList<>();
    List<Double> lr = new ArrayList<>();
    for (JsonNode row : MetricsLog.read(metrics)) {
      if (row.has("loss") && row.has("lr") && Double.isFinite(row.get("loss").asDouble())) {
        iters.add(row.get("iter").asDouble());
        loss.add(row.get("loss").asDouble());
        lr.add(row.get("lr").asDouble());
      }
    }
    if (iters.isEmpty()) {
      return false;
    }
    XYChart chart =
        new XYChartBuilder()
            .width(900)
            .height(500)
            .title("Training loss and learning rate")
            .xAxisTitle("iteration")
            .build();
    chart.setYAxisGroupTitle(0, "loss");
    chart.setYAxisGroupTitle(1, "learning rate");
    XYSeries l = chart.addSeries("loss", iters, loss);
    l.setMarker(SeriesMarkers.NONE);
    XYSeries r = chart.addSeries("lr", iters, lr);
    r.setMarker(SeriesMarkers.NONE);
    r.setYAxisGroup(1);
    chart.getStyler().setYAxisGroupPosition(1, org.knowm.xchart.style.Styler.YAxisPosition.Right);
    // Written whole or not at all: a full disk leaves no partial PNG and keeps the previous plot.
    AtomicFiles.write(
        png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    return true;
  }
}
