package org.mlpvision.zoo;

import ai.djl.Device;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.mlpvision.datasets.transform.ImageFiles;
import org.mlpvision.datasets.transform.OpenCvRuntime;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * Between DJL's {@link Image} and the BGR uint8 {@link Mat} the data pipeline works on.
 *
 * <p>{@link #read} decodes a file exactly as training and {@code vision test} do (OpenCV, EXIF
 * orientation applied, the pixel limit checked before decoding), so a predictor fed with it sees
 * the same pixels. DJL's own {@code ImageFactory.getInstance().fromFile} decodes with ImageIO:
 * identical for PNG, a few grey levels apart for JPEG, and without EXIF rotation.
 */
public final class VisionImages {
  private VisionImages() {}

  /**
   * Decodes an image file as the data pipeline does.
   *
   * @throws org.mlpvision.datasets.DatasetException naming the file when it is missing, too large
   *     or not an image
   */
  public static Image read(Path file) {
    Mat bgr = ImageFiles.readBgr(file, "image");
    try {
      return fromBgr(bgr);
    } finally {
      bgr.release();
    }
  }

  /** A DJL image with the pixels of a BGR uint8 Mat (copied). */
  public static Image fromBgr(Mat bgr) {
    if (bgr.type() != CvType.CV_8UC3) {
      throw new IllegalArgumentException(
          "expected a BGR uint8 image, got " + CvType.typeToString(bgr.type()));
    }
    int h = bgr.rows();
    int w = bgr.cols();
    byte[] px = new byte[h * w * 3];
    bgr.get(0, 0, px);
    int[] argb = new int[h * w];
    for (int i = 0; i < argb.length; i++) {
      argb[i] =
          0xff000000
              | (px[3 * i + 2] & 0xff) << 16
              | (px[3 * i + 1] & 0xff) << 8
              | (px[3 * i] & 0xff);
    }
    return ImageFactory.getInstance().fromPixels(argb, w, h);
  }

  /** The pixels of any DJL image as a new BGR uint8 Mat; the caller releases it. */
  public static Mat toBgr(Image image) {
    OpenCvRuntime.ensureLoaded();
    int h = image.getHeight();
    int w = image.getWidth();
    byte[] bgr = new byte[h * w * 3];
    if (image.getWrappedImage() instanceof BufferedImage b) {
      int[] argb = b.getRGB(0, 0, w, h, null, 0, w);
      for (int i = 0; i < argb.length; i++) {
        bgr[3 * i] = (byte) argb[i];
        bgr[3 * i + 1] = (byte) (argb[i] >> 8);
        bgr[3 * i + 2] = (byte) (argb[i] >> 16);
      }
    } else {
      // Any other image factory: through DJL's own HWC RGB array, on the host.
      try (NDManager host = NDManager.newBaseManager(Device.cpu())) {
        NDArray rgb = image.toNDArray(host, Image.Flag.COLOR);
        byte[] px = rgb.toByteArray();
        for (int i = 0; i < h * w; i++) {
          bgr[3 * i] = px[3 * i + 2];
          bgr[3 * i + 1] = px[3 * i + 1];
          bgr[3 * i + 2] = px[3 * i];
        }
      }
    }
    Mat m = new Mat(h, w, CvType.CV_8UC3);
    m.put(0, 0, bgr);
    return m;
  }
}
