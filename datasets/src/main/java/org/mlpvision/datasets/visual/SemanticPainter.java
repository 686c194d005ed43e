package org.mlpvision.datasets.visual;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * mmseg's {@code show_result} on host arrays: every pixel's class colour blended half and half over
 * the image ({@code img·0.5 + colour·0.5}, truncated to uint8; a label without a colour blends with
 * black, as mmseg), optionally with a legend in the top-left corner: a swatch and the name of each
 * class present, most pixels first, as many rows as fit the image.
 */
public final class SemanticPainter {
  /** Height of one legend row in pixels. */
  public static final int ROW = 12;

  /** Side of a legend swatch in pixels. */
  public static final int SWATCH = 8;

  private SemanticPainter() {}

  /**
   * One legend row as drawn.
   *
   * @param label the class
   * @param name its name
   * @param top the row's top pixel; its swatch covers {@code [top + 2, top + 2 + SWATCH)} in y and
   *     {@code [2, 2 + SWATCH)} in x
   */
  public record LegendRow(int label, String name, int top) {}

  /**
   * Paints {@code labels} over {@code bgr} in place.
   *
   * @param bgr the image, BGR uint8, {@code H x W}
   * @param labels {@code H x W} class indices, row-major
   * @param palette {@code {r, g, b}} of each class
   * @param classNames names by label, for the legend; null for no legend
   * @return the legend rows drawn (empty without a legend)
   */
  public static List<LegendRow> paint(
      Mat bgr, int[] labels, List<int[]> palette, List<String> classNames) {
    if (bgr.type() != CvType.CV_8UC3) {
      throw new IllegalArgumentException(
          "expected a BGR uint8 image, got " + CvType.typeToString(bgr.type()));
    }
    int h = bgr.rows();
    int w = bgr.cols();
    if (labels.length != h * w) {
      throw new IllegalArgumentException(
          "the prediction has " + labels.length + " pixels, the image " + h + "x" + w);
    }
    byte[] px = new byte[h * w * 3];
    bgr.get(0, 0, px);
    int[] none = {0, 0, 0};
    long[] counts = new long[palette.size()];
    for (int i = 0; i < labels.length; i++) {
      int l = labels[i];
      boolean known = l >= 0 && l < palette.size();
      int[] rgb = known ? palette.get(l) : none;
      if (known) {
        counts[l]++;
      }
      for (int c = 0; c < 3; c++) {
        int v = px[3 * i + c] & 0xff;
        px[3 * i + c] = (byte) (int) (v * 0.5 + rgb[2 - c] * 0.5);
      }
    }
    bgr.put(0, 0, px);
    return classNames == null ? List.of() : legend(bgr, counts, palette, classNames);
  }

  private static List<LegendRow> legend(
      Mat bgr, long[] counts, List<int[]> palette, List<String> names) {
    List<Integer> present = new ArrayList<>();
    for (int l = 0; l < counts.length; l++) {
      if (counts[l] > 0) {
        present.add(l);
      }
    }
    present.sort(Comparator.comparingLong((Integer l) -> -counts[l]).thenComparing(l -> l));
    List<LegendRow> rows = new ArrayList<>();
    for (int l : present) {
      int top = rows.size() * ROW;
      if (top + ROW > bgr.rows()) {
        break;
      }
      String name = l < names.size() ? names.get(l) : Integer.toString(l);
      int[] rgb = palette.get(l);
      Scalar colour = new Scalar(rgb[2], rgb[1], rgb[0]);
      // A dark band behind the row keeps the text readable on any image.
      int textWidth = 2 + SWATCH + 3 + (int) Math.ceil(name.length() * 5.5) + 2;
      Imgproc.rectangle(
          bgr,
          new Point(0, top),
          new Point(Math.min(bgr.cols(), textWidth) - 1, top + ROW - 1),
          new Scalar(0, 0, 0),
          Imgproc.FILLED);
      Imgproc.rectangle(
          bgr,
          new Point(2, top + 2),
          new Point(2 + SWATCH - 1, top + 2 + SWATCH - 1),
          colour,
          Imgproc.FILLED);
      Imgproc.putText(
          bgr,
          name,
          new Point(2 + SWATCH + 3, top + ROW - 3),
          Imgproc.FONT_HERSHEY_SIMPLEX,
          0.3,
          new Scalar(255, 255, 255),
          1);
      rows.add(new LegendRow(l, name, top));
    }
    return rows;
  }
}
