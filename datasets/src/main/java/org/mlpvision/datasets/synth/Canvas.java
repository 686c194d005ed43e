package org.mlpvision.datasets.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.mlpvision.datasets.transform.OpenCvRuntime;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * A BGR uint8 image being drawn: a textured background (gradient, noise, stripes) and filled
 * polygons with sub-pixel vertices. Owns its {@link Mat}; close it when done.
 */
final class Canvas implements AutoCloseable {
  private static final int SHIFT = 3; // fillPoly fixed-point bits: 1/8 pixel vertices

  final Mat image;
  final int width;
  final int height;

  Canvas(int width, int height, Random rnd) {
    OpenCvRuntime.ensureLoaded();
    this.width = width;
    this.height = height;
    byte[] px = new byte[width * height * 3];
    int[] base = {rnd.nextInt(200), rnd.nextInt(200), rnd.nextInt(200)};
    int[] slope = {rnd.nextInt(60) - 30, rnd.nextInt(60) - 30, rnd.nextInt(60) - 30};
    int period = 6 + rnd.nextInt(20);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        boolean stripe = ((x + y) / period) % 2 == 0;
        for (int c = 0; c < 3; c++) {
          int v = base[c] + slope[c] * (x + y) / Math.max(1, width + height) + rnd.nextInt(24);
          if (stripe) {
            v += 12;
          }
          px[(y * width + x) * 3 + c] = (byte) Math.max(0, Math.min(255, v));
        }
      }
    }
    image = new Mat(height, width, CvType.CV_8UC3);
    image.put(0, 0, px);
  }

  /** Fills {@code polygons} (flat xy arrays) with {@code bgr}, anti-aliased edges off. */
  void fill(List<double[]> polygons, Scalar bgr) {
    fill(image, polygons, bgr);
  }

  static void fill(Mat target, List<double[]> polygons, Scalar value) {
    List<MatOfPoint> pts = new ArrayList<>();
    for (double[] xy : polygons) {
      Point[] p = new Point[xy.length / 2];
      for (int i = 0; i < p.length; i++) {
        // fillPoly samples pixel centres at integer coordinates; COCO's corners are at integers.
        p[i] = new Point(Math.round((xy[2 * i] - 0.5) * 8), Math.round((xy[2 * i + 1] - 0.5) * 8));
      }
      pts.add(new MatOfPoint(p));
    }
    Imgproc.fillPoly(target, pts, value, Imgproc.LINE_8, SHIFT, new Point(0, 0));
    for (MatOfPoint m : pts) {
      m.release();
    }
  }

  /** A colour near {@code bgr}, jittered by up to {@code jitter} per channel. */
  static Scalar jitter(int[] bgr, int jitter, Random rnd) {
    double[] v = new double[3];
    for (int c = 0; c < 3; c++) {
      v[c] = Math.max(0, Math.min(255, bgr[c] + rnd.nextInt(2 * jitter + 1) - jitter));
    }
    return new Scalar(v);
  }

  @Override
  public void close() {
    image.release();
  }
}
