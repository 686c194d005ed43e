package org.mlpvision.segmentation.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mlpvision.datasets.ade.AdeClasses;
import org.mlpvision.datasets.transform.ImageFiles;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * mmseg's {@code show_result}: every pixel of a prediction in its class's ADE20K palette colour,
 * blended half and half over the image ({@code img·0.5 + colour·0.5}, truncated to uint8), written
 * as {@code <dir>/<id>.png}.
 */
public final class PredictionPainter {
  private final Path dir;
  private final AdeClasses classes = AdeClasses.standard();

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
      int[] l = labels.toType(DataType.INT32, false).toIntArray();
      byte[] px = new byte[h * w * 3];
      bgr.get(0, 0, px);
      int[] none = {0, 0, 0};
      for (int i = 0; i < l.length; i++) {
        // As mmseg, a label without a palette colour blends with black.
        int[] rgb = l[i] >= 0 && l[i] < AdeClasses.COUNT ? classes.colour(l[i]) : none;
        for (int c = 0; c < 3; c++) {
          int v = (px[3 * i + c] & 0xff);
          px[3 * i + c] = (byte) (int) (v * 0.5 + rgb[2 - c] * 0.5);
        }
      }
      Mat out = new Mat(h, w, CvType.CV_8UC3);
      out.put(0, 0, px);
      Files.createDirectories(dir);
      Path file = dir.resolve(id + ".png");
      ImageFiles.write(file, out, 95);
      out.release();
      return file;
    } finally {
      bgr.release();
    }
  }
}
