package org.mlpvision.datasets.transform;

import java.nio.file.Files;
import java.nio.file.Path;
import org.mlpvision.datasets.DatasetException;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Reads and writes image files with OpenCV. Colour images decode as BGR uint8 with EXIF orientation
 * applied ({@code IMREAD_COLOR}, as mmcv's 'color' flag); label maps decode unchanged and must be
 * single-channel uint8. Missing or undecodable files raise a {@link DatasetException} naming the
 * file. The caller releases the returned {@link Mat}.
 */
public final class ImageFiles {
  private ImageFiles() {}

  /** Decodes {@code file} as a 3-channel BGR uint8 image; {@code item} names it in errors. */
  public static Mat readBgr(Path file, String item) {
    OpenCvRuntime.ensureLoaded();
    check(file, item);
    Mat m = Imgcodecs.imread(file.toString(), Imgcodecs.IMREAD_COLOR);
    if (m.empty()) {
      m.release();
      throw new DatasetException(file.toString(), item, "", "cannot decode image");
    }
    return m;
  }

  /**
   * Decodes {@code file} as 3-channel uint8, converted to RGB when {@code rgb} (mmcv's {@code
   * channel_order='rgb'}); BGR otherwise, as decoded.
   */
  public static Mat readColor(Path file, String item, boolean rgb) {
    Mat m = readBgr(file, item);
    if (rgb) {
      Imgproc.cvtColor(m, m, Imgproc.COLOR_BGR2RGB);
    }
    return m;
  }

  /** Decodes a single-channel uint8 label PNG unchanged. */
  public static Mat readLabels(Path file, String item) {
    OpenCvRuntime.ensureLoaded();
    check(file, item);
    Mat m = Imgcodecs.imread(file.toString(), Imgcodecs.IMREAD_UNCHANGED);
    if (m.empty()) {
      m.release();
      throw new DatasetException(file.toString(), item, "", "cannot decode label map");
    }
    if (m.type() != CvType.CV_8UC1) {
      String type = CvType.typeToString(m.type());
      m.release();
      throw new DatasetException(
          file.toString(), item, "", "label map must be single-channel uint8, got " + type);
    }
    return m;
  }

  /** Writes {@code m}; the format follows the extension (JPEG at quality {@code jpegQuality}). */
  public static void write(Path file, Mat m, int jpegQuality) {
    OpenCvRuntime.ensureLoaded();
    org.opencv.core.MatOfInt params =
        new org.opencv.core.MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, jpegQuality);
    try {
      if (!Imgcodecs.imwrite(file.toString(), m, params)) {
        throw new DatasetException(file.toString(), "", "", "cannot write image");
      }
    } finally {
      params.release();
    }
  }

  private static void check(Path file, String item) {
    if (!Files.isRegularFile(file)) {
      throw new DatasetException(file.toString(), item, "", "image file not found");
    }
  }
}
