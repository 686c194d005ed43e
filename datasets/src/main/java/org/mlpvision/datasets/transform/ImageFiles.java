package org.mlpvision.datasets.transform;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.mlpvision.core.io.RegularFiles;
import org.mlpvision.datasets.DatasetException;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes image files with OpenCV. Colour images decode as BGR uint8 with EXIF orientation
 * applied ({@code IMREAD_COLOR}, as mmcv's 'color' flag); label maps decode unchanged, single
 * channel, and a palette PNG gives its indices (as Pillow, which mmseg reads label maps with, while
 * OpenCV would expand the palette to colours). The header is read first: an image above the pixel
 * limit of {@link ImageLimits} is refused before any decoding. Missing, oversized or undecodable
 * files raise a {@link DatasetException} naming the file. The caller releases the returned {@link
 * Mat}.
 */
public final class ImageFiles {
  private static final Logger LOG = LoggerFactory.getLogger(ImageFiles.class);

  private ImageFiles() {}

  /** Decodes {@code file} as a 3-channel BGR uint8 image; {@code item} names it in errors. */
  public static Mat readBgr(Path file, String item) {
    return decode(file, item, Imgcodecs.IMREAD_COLOR, "image");
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

  /** Decodes a single-channel uint8 label map (see {@link #readLabelMap}). */
  public static Mat readLabels(Path file, String item) {
    Mat m = readLabelMap(file, item);
    if (m.type() != CvType.CV_8UC1) {
      String type = CvType.typeToString(m.type());
      m.release();
      throw new DatasetException(
          file.toString(), item, "", "label map must be single-channel uint8, got " + type);
    }
    return m;
  }

  /**
   * Decodes a label map unchanged: a single-channel 8- or 16-bit image ({@code CV_8UC1} or {@code
   * CV_16UC1}), or the indices of a palette PNG ({@code CV_8UC1}).
   */
  public static Mat readLabelMap(Path file, String item) {
    Mat m = decode(file, item, Imgcodecs.IMREAD_UNCHANGED, "label map");
    int depth = CvType.depth(m.type());
    if (m.channels() != 1 || (depth != CvType.CV_8U && depth != CvType.CV_16U)) {
      String type = CvType.typeToString(m.type());
      m.release();
      throw new DatasetException(
          file.toString(),
          item,
          "",
          "a label map must be a single-channel 8- or 16-bit image or a palette PNG, got " + type);
    }
    return m;
  }

  /**
   * Decodes {@code file} as a colour image and checks that it has the size a data set declares for
   * it; nothing is kept.
   */
  public static void checkImage(Path file, String item, int width, int height) {
    Mat m = readBgr(file, item);
    try {
      if (m.cols() != width || m.rows() != height) {
        throw new DatasetException(
            file.toString(),
            item,
            "width/height",
            String.format(
                "declared %dx%d but the image decodes to %dx%d",
                width, height, m.cols(), m.rows()));
      }
    } finally {
      m.release();
    }
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

  /**
   * Checks {@code file}, reads its header, applies the pixel limit, then decodes it with imread
   * {@code flags} (a palette PNG read unchanged through ImageIO's index raster); {@code what} names
   * it in errors.
   */
  private static Mat decode(Path file, String item, int flags, String what) {
    OpenCvRuntime.ensureLoaded();
    RegularFiles.problem(file, "an image file")
        .ifPresent(
            p -> {
              throw new DatasetException(file.toString(), item, "", p);
            });
    Optional<ImageHeader> header;
    try {
      header = ImageHeader.read(file);
    } catch (IOException e) {
      throw new DatasetException(
          file.toString(), item, "", "cannot decode " + what + ": " + e.getMessage());
    }
    header.ifPresent(h -> checkSize(file, item, h.width(), h.height()));
    Mat m =
        header.isPresent() && header.get().palette() && flags == Imgcodecs.IMREAD_UNCHANGED
            ? paletteIndices(file, item)
            : Imgcodecs.imread(file.toString(), flags);
    if (m.empty()) {
      m.release();
      throw new DatasetException(file.toString(), item, "", "cannot decode " + what);
    }
    if (header.isEmpty()) {
      // No header reader for this format: the limit can only be checked after decoding.
      checkSize(file, item, m.cols(), m.rows());
    }
    return m;
  }

  /** Applies {@link ImageLimits} to a {@code width × height} image. */
  private static void checkSize(Path file, String item, long width, long height) {
    long pixels = width * height;
    switch (ImageLimits.verdict(pixels)) {
      case REFUSE ->
          throw new DatasetException(
              file.toString(),
              item,
              "",
              String.format(
                  "%dx%d = %d pixels is more than twice the limit of %d (%s), refused as a possible"
                      + " decompression bomb",
                  width, height, pixels, ImageLimits.maxPixels(), ImageLimits.PROPERTY));
      case WARN ->
          LOG.warn(
              "{}: {}x{} = {} pixels is above the limit of {} ({}); reading it",
              file,
              width,
              height,
              pixels,
              ImageLimits.maxPixels(),
              ImageLimits.PROPERTY);
      case READ -> {}
    }
  }

  /** The index raster of a palette PNG as {@code CV_8UC1} (indices are at most 8 bits). */
  private static Mat paletteIndices(Path file, String item) {
    BufferedImage img;
    try {
      img = ImageIO.read(file.toFile());
    } catch (IOException e) {
      throw new DatasetException(
          file.toString(), item, "", "cannot decode palette PNG: " + e.getMessage());
    }
    if (img == null || img.getRaster().getNumBands() != 1) {
      return new Mat();
    }
    int w = img.getWidth();
    int h = img.getHeight();
    int[] samples = img.getRaster().getSamples(0, 0, w, h, 0, (int[]) null);
    byte[] bytes = new byte[samples.length];
    for (int i = 0; i < samples.length; i++) {
      bytes[i] = (byte) samples[i];
    }
    Mat m = new Mat(h, w, CvType.CV_8UC1);
    m.put(0, 0, bytes);
    return m;
  }
}
