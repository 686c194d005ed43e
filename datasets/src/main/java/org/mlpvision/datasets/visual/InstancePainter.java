package org.mlpvision.datasets.visual;

import java.util.List;
import java.util.Locale;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * mmdet's {@code show_result} for instance segmentation, on host arrays: each detection at or above
 * a score threshold has its mask blended half and half with its class's colour, its box outlined in
 * that colour and labelled above its top-left corner with class name and score (white text on a
 * band of the class colour).
 */
public final class InstancePainter {
  /** Distinct BGR colours, one per class label (cycled). */
  private static final int[][] COLOURS = {
    {60, 20, 220}, {0, 170, 255}, {60, 180, 75}, {200, 130, 0}, {180, 30, 145}, {48, 130, 245}
  };

  private static final int FONT = Imgproc.FONT_HERSHEY_SIMPLEX;

  private static final double SCALE = 0.3;

  private InstancePainter() {}

  /** The BGR colour of class {@code label}. */
  public static int[] colour(long label) {
    return COLOURS[(int) (label % COLOURS.length)].clone();
  }

  /**
   * Paints detections over {@code bgr} in place (its original size).
   *
   * @param bgr the image, BGR uint8, {@code H x W}
   * @param boxes {@code n x 4} xyxy boxes in its pixels
   * @param scores {@code n} scores
   * @param labels {@code n} class labels
   * @param masks {@code n x H x W} 0/1 bytes, or null (boxes only)
   * @param classNames names by label
   * @param scoreThr least score painted
   */
  public static void paint(
      Mat bgr,
      float[] boxes,
      float[] scores,
      long[] labels,
      byte[] masks,
      List<String> classNames,
      double scoreThr) {
    if (bgr.type() != CvType.CV_8UC3) {
      throw new IllegalArgumentException(
          "expected a BGR uint8 image, got " + CvType.typeToString(bgr.type()));
    }
    int h = bgr.rows();
    int w = bgr.cols();
    if (masks != null && masks.length != scores.length * h * w) {
      throw new IllegalArgumentException(
          "masks hold " + masks.length + " bytes, not " + scores.length + " x " + h + " x " + w);
    }
    if (masks != null) {
      byte[] px = new byte[h * w * 3];
      bgr.get(0, 0, px);
      for (int k = 0; k < scores.length; k++) {
        if (scores[k] < scoreThr) {
          continue;
        }
        int[] c = colour(labels[k]);
        for (int i = 0; i < h * w; i++) {
          if (masks[k * h * w + i] != 0) {
            for (int ch = 0; ch < 3; ch++) {
              px[3 * i + ch] = (byte) (int) ((px[3 * i + ch] & 0xff) * 0.5 + c[ch] * 0.5);
            }
          }
        }
      }
      bgr.put(0, 0, px);
    }
    for (int k = 0; k < scores.length; k++) {
      if (scores[k] < scoreThr) {
        continue;
      }
      int[] c = colour(labels[k]);
      Scalar colour = new Scalar(c[0], c[1], c[2]);
      Point p1 = new Point(boxes[4 * k], boxes[4 * k + 1]);
      Imgproc.rectangle(bgr, p1, new Point(boxes[4 * k + 2], boxes[4 * k + 3]), colour, 1);
      String name = labels[k] < classNames.size() ? classNames.get((int) labels[k]) : "?";
      label(bgr, String.format(Locale.ROOT, "%s %.2f", name, scores[k]), p1, colour);
    }
  }

  /**
   * White text on a band of the class colour just above {@code corner} (inside the box when the box
   * touches the top edge), as mmdet and detectron2 label boxes.
   */
  private static void label(Mat bgr, String text, Point corner, Scalar colour) {
    int[] baseline = new int[1];
    Size size = Imgproc.getTextSize(text, FONT, SCALE, 1, baseline);
    double y = Math.max(size.height + 2, corner.y - 2);
    Imgproc.rectangle(
        bgr,
        new Point(corner.x, y - size.height - 2),
        new Point(corner.x + size.width + 1, y + baseline[0] - 1),
        colour,
        Imgproc.FILLED);
    Imgproc.putText(
        bgr, text, new Point(corner.x + 1, y), FONT, SCALE, new Scalar(255, 255, 255), 1);
  }
}
