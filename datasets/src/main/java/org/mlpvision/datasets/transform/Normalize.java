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

  public Normalize(double[] mean, double[] std, boolean toRgb) {
    this.mean = new Scalar(mean);
    this.invStd = new Scalar(1 / std[0], 1 / std[1], 1 / std[2]);
    this.toRgb = toRgb;
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
