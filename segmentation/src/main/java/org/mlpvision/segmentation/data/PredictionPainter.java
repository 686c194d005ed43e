package org.mlpvision.segmentation.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mlpvision.datasets.ade.AdeClasses;
import org.mlpvision.datasets.transform.ImageFiles;
import org.mlpvision.datasets.visual.SemanticPainter;
import org.opencv.core.Mat;

/**
 * mmseg's {@code show_result} with the ADE20K palette ({@link SemanticPainter}, no legend): every
 * pixel of a prediction in its class's colour blended half and half over the image, written as
 * {@code <dir>/<id>.png}.
 */
public final class PredictionPainter {
  private static final List<int[]> PALETTE = palette();

  private final Path dir;

  /**
   * @param dir the output folder (created on the first image)
   */
  public PredictionPainter(Path dir) {
    this.dir = dir;
  }

  /**
   * Paints {@code labels (H, W)} over the image file {@code image} (of the same size) and writes
   * {@code <dir>/<id>.png}.
   */
  public Path paint(String id, Path image, NDArray labels) throws IOException {
    Mat bgr = ImageFiles.readBgr(image, "image " + id);
    try {
      int h = bgr.rows();
      int w = bgr.cols();
      if (labels.getShape().get(0) != h || labels.getShape().get(1) != w) {
        throw new IllegalArgumentException(
            "the prediction of " + id + " is " + labels.getShape() + ", the image " + h + "x" + w);
      }
      SemanticPainter.paint(bgr, labels.toType(DataType.INT32, false).toIntArray(), PALETTE, null);
      Files.createDirectories(dir);
      Path file = dir.resolve(id + ".png");
      ImageFiles.write(file, bgr, 95);
      return file;
    } finally {
      bgr.release();
    }
  }

  private static List<int[]> palette() {
    List<int[]> p = new ArrayList<>();
    for (int c = 0; c < AdeClasses.COUNT; c++) {
      p.add(AdeClasses.standard().colour(c));
    }
    return p;
  }
}
