package org.mlpvision.detection.task;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.mlpvision.datasets.structures.Detections;
import org.mlpvision.datasets.transform.ImageFiles;
import org.mlpvision.datasets.visual.InstancePainter;
import org.opencv.core.Mat;

/**
 * Detections painted over their image files ({@link InstancePainter}: masks blended in their
 * class's colour, boxes outlined and labelled with class name and score), written as {@code
 * <dir>/<id>.png}.
 */
public final class PredictionPainter {
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
      InstancePainter.paint(
          bgr,
          d.boxes().toFloatArray(),
          d.scores().toFloatArray(),
          d.labels().toLongArray(),
          d.masks() == null ? null : d.masks().toByteArray(),
          classNames,
          scoreThr);
      Files.createDirectories(dir);
      Path file = dir.resolve(id + ".png");
      ImageFiles.write(file, bgr, 95);
      return file;
    } finally {
      bgr.release();
    }
  }
}
