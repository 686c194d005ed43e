package org.mlpvision.detection.task;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.mlpvision.datasets.structures.Detections;
import org.mlpvision.datasets.transform.ImageFiles;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * mmdet's {@code show_result} for instance segmentation: each detection at or above a score
 * threshold drawn over its image, its mask blended half and half in its class's colour, its box
 * outlined and labelled with class name and score; written as {@code <dir>/<id>.png}.
 */
public final class PredictionPainter {
  /** Distinct BGR colours, one per class (cycled). */
  private static final int[][] COLOURS = {
    {60, 20, 220}, {0, 170, 255}, {60, 180, 75}, {200, 130, 0}, {180, 30, 145}, {48, 130, 245}
  };

  private final Path dir;
  private final List<String> classNames;
  private final double scoreThr;

  /**
   * @param dir the output folder (created on the first image)
   * @param classNames the class names by label
   * @param scoreThr least score drawn (mmdet's default 0.3)
   */
  public PredictionPainter(Path dir, List<String> classNames, double scoreThr) {
    this.dir = dir;
    this.classNames = List.copyOf(classNames);
    this.scoreThr = scoreThr;
  }

  /** Paints {@code d} (at the original size of {@code image}) and writes {@code <dir>/<id>.png}. */
  public Path paint(String id, Path image, Detections d) throws IOException {
    Mat bgr = ImageFiles.readBgr(image, "image " + id);
    try {
      int h = bgr.rows();
      int w = bgr.cols();
      float[] boxes = d.boxes().toFloatArray();
      float[] scores = d.scores().toFloatArray();
      long[] labels = d.labels().toLongArray();
      byte[] masks = d.masks() == null ? null : d.masks().toByteArray();
      byte[] px = new byte[h * w * 3];
      bgr.get(0, 0, px);
      for (int k = 0; k < scores.length; k++) {
        if (scores[k] < scoreThr || masks == null) {
          continue;
        }
        int[] c = COLOURS[(int) (labels[k] % COLOURS.length)];
        for (int i = 0; i < h * w; i++) {
          if (masks[k * h * w + i] != 0) {
            for (int ch = 0; ch < 3; ch++) {
              px[3 * i + ch] = (byte) (int) ((px[3 * i + ch] & 0xff) * 0.5 + c[ch] * 0.5);
            }
          }
        }
      }
      bgr.put(0, 0, px);
      for (int k = 0; k < scores.length; k++) {
        if (scores[k] < scoreThr) {
          continue;
        }
        int[] c = COLOURS[(int) (labels[k] % COLOURS.length)];
        Scalar colour = new Scalar(c[0], c[1], c[2]);
        Point p1 = new Point(boxes[4 * k], boxes[4 * k + 1]);
        Imgproc.rectangle(bgr, p1, new Point(boxes[4 * k + 2], boxes[4 * k + 3]), colour, 1);
        String name = labels[k] < classNames.size() ? classNames.get((int) labels[k]) : "?";
        String text = String.format(java.util.Locale.ROOT, "%s %.2f", name, scores[k]);
        Imgproc.putText(
            bgr,
            text,
            new Point(p1.x, Math.max(8, p1.y - 2)),
            Imgproc.FONT_HERSHEY_SIMPLEX,
            0.3,
            colour,
            1);
      }
      Files.createDirectories(dir);
      Path file = dir.resolve(id + ".png");
      ImageFiles.write(file, bgr, 95);
      return file;
    } finally {
      bgr.release();
    }
  }
}
