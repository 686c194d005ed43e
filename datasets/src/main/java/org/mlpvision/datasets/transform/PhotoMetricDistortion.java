package org.mlpvision.datasets.transform;

import java.util.Random;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * mmseg {@code PhotoMetricDistortion} on a BGR uint8 image, each step applied on a coin flip:
 * brightness {@code +U(-32,32)}; contrast {@code xU(0.5,1.5)} first or last (another coin);
 * saturation {@code xU(0.5,1.5)} in OpenCV HSV; hue shifted by an integer in {@code [-18,17]}
 * modulo 180. Each step computes in float, clips to [0,255] and truncates to uint8, as numpy's
 * {@code astype(np.uint8)} does.
 */
public final class PhotoMetricDistortion implements Transform {
  @Override
  public boolean apply(Sample s, Random rnd) {
    Mat img = s.image();
    if (img.type() != CvType.CV_8UC3) {
      throw new IllegalStateException(
          "PhotoMetricDistortion needs a BGR uint8 image, apply it before Normalize");
    }
    int n = img.rows() * img.cols() * 3;
    byte[] px = new byte[n];
    img.get(0, 0, px);
    if (rnd.nextBoolean()) {
      affine(px, 0, 1, 1, (float) (rnd.nextDouble() * 64 - 32));
    }
    boolean contrastFirst = rnd.nextBoolean();
    if (contrastFirst && rnd.nextBoolean()) {
      affine(px, 0, 1, (float) (0.5 + rnd.nextDouble()), 0);
    }
    boolean saturate = rnd.nextBoolean();
    double satAlpha = saturate ? 0.5 + rnd.nextDouble() : 1;
    boolean hue = rnd.nextBoolean();
    int hueDelta = hue ? rnd.nextInt(36) - 18 : 0;
    if (saturate || hue) {
      Mat bgr = new Mat(img.rows(), img.cols(), CvType.CV_8UC3);
      bgr.put(0, 0, px);
      Mat hsv = new Mat();
      if (saturate) {
        Imgproc.cvtColor(bgr, hsv, Imgproc.COLOR_BGR2HSV);
        hsv.get(0, 0, px);
        affine(px, 1, 3, (float) satAlpha, 0);
        hsv.put(0, 0, px);
        Imgproc.cvtColor(hsv, bgr, Imgproc.COLOR_HSV2BGR);
      }
      if (hue) {
        Imgproc.cvtColor(bgr, hsv, Imgproc.COLOR_BGR2HSV);
        hsv.get(0, 0, px);
        for (int i = 0; i < n; i += 3) {
          px[i] = (byte) Math.floorMod((px[i] & 0xff) + hueDelta, 180);
        }
        hsv.put(0, 0, px);
        Imgproc.cvtColor(hsv, bgr, Imgproc.COLOR_HSV2BGR);
      }
      bgr.get(0, 0, px);
      bgr.release();
      hsv.release();
    }
    if (!contrastFirst && rnd.nextBoolean()) {
      affine(px, 0, 1, (float) (0.5 + rnd.nextDouble()), 0);
    }
    Mat out = new Mat(img.rows(), img.cols(), CvType.CV_8UC3);
    out.put(0, 0, px);
    s.setImage(out);
    return true;
  }

  /**
   * {@code v = uint8(clip(v*alpha + beta, 0, 255))} for every {@code step}-th byte from {@code
   * start}.
   */
  static void affine(byte[] px, int start, int step, float alpha, float beta) {
    for (int i = start; i < px.length; i += step) {
      float v = (px[i] & 0xff) * alpha + beta;
      px[i] = (byte) (int) Math.max(0f, Math.min(255f, v));
    }
  }
}
