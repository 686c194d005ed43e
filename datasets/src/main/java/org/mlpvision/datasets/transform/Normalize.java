package org.mlpvision.datasets.transform;

import java.util.Random;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * mmcv {@code imnormalize}: optional BGR to RGB, then float32 {@code (x - mean) / std} per channel
 * (mean and std in the output channel order).
 */
public final class Normalize implements Transform {
  /** ImageNet statistics used by the Swin / AS-MLP configs, RGB order. */
  public static final double[] IMAGENET_MEAN = {123.675, 116.28, 103.53};

  public static final double[] IMAGENET_STD = {58.395, 57.12, 57.375};

  private final Scalar mean;
  private final Scalar invStd;
  private final boolean toRgb;
  private final float[][] lut = new float[3][256];

  public Normalize(double[] mean, double[] std, boolean toRgb) {
    if (mean.length != 3 || std.length != 3) {
      throw new IllegalArgumentException("mean and std need 3 values each");
    }
    this.mean = new Scalar(mean);
    this.invStd = new Scalar(1 / std[0], 1 / std[1], 1 / std[2]);
    this.toRgb = toRgb;
    for (int c = 0; c < 3; c++) {
      for (int v = 0; v < 256; v++) {
        lut[c][v] = (float) ((v - mean[c]) * (1 / std[c]));
      }
    }
  }

  /**
   * Normalizes a BGR uint8 image straight into a {@code [3,H,W]} float plane block (channel {@code
   * c} at {@code dst[base + c*planeSize + y*stride + x]}), in the output channel order; pixels
   * outside the image are left as they are (zero in a fresh array: the padding). This fuses
   * normalize, pad and collation into one pass through a lookup table.
   */
  public void intoPlanes(Mat bgr, float[] dst, int base, int planeSize, int stride) {
    if (bgr.type() != CvType.CV_8UC3) {
      throw new IllegalArgumentException(
          "fused normalization needs BGR uint8, got " + CvType.typeToString(bgr.type()));
    }
    int h = bgr.rows();
    int w = bgr.cols();
    byte[] px = new byte[w * 3];
    float[] l0 = lut[0];
    float[] l1 = lut[1];
    float[] l2 = lut[2];
    // Output channel c reads input channel 2-c when converting BGR to RGB.
    int in0 = toRgb ? 2 : 0;
    int in2 = toRgb ? 0 : 2;
    for (int y = 0; y < h; y++) {
      bgr.get(y, 0, px);
      int o0 = base + y * stride;
      int o1 = o0 + planeSize;
      int o2 = o1 + planeSize;
      for (int x = 0, i = 0; x < w; x++, i += 3) {
        dst[o0 + x] = l0[px[i + in0] & 0xff];
        dst[o1 + x] = l1[px[i + 1] & 0xff];
        dst[o2 + x] = l2[px[i + in2] & 0xff];
      }
    }
  }

  /** The configs' normalization: ImageNet mean/std, RGB. */
  public static Normalize imagenet() {
    return new Normalize(IMAGENET_MEAN, IMAGENET_STD, true);
  }

  @Override
  public boolean apply(Sample s, Random rnd) {
    Mat src = s.image();
    Mat rgb = src;
    if (toRgb) {
      rgb = new Mat();
      Imgproc.cvtColor(src, rgb, Imgproc.COLOR_BGR2RGB);
    }
    Mat f = new Mat();
    rgb.convertTo(f, CvType.CV_32FC3);
    if (rgb != src) {
      rgb.release();
    }
    Core.subtract(f, mean, f);
    Core.multiply(f, invStd, f);
    s.setImage(f);
    return true;
  }
}
