package org.mlpvision.datasets.transform;

import java.util.List;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/** Small images and samples for transform tests. */
final class TransformTestSupport {
  private TransformTestSupport() {}

  /** A BGR image whose pixel (x, y) is (x, y, 7). */
  static Mat gradient(int w, int h) {
    OpenCvRuntime.ensureLoaded();
    byte[] px = new byte[w * h * 3];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        px[(y * w + x) * 3] = (byte) x;
        px[(y * w + x) * 3 + 1] = (byte) y;
        px[(y * w + x) * 3 + 2] = 7;
      }
    }
    Mat m = new Mat(h, w, CvType.CV_8UC3);
    m.put(0, 0, px);
    return m;
  }

  /** A single-channel map filled from {@code values} (row-major). */
  static Mat gray(int w, int h, byte[] values) {
    OpenCvRuntime.ensureLoaded();
    Mat m = new Mat(h, w, CvType.CV_8UC1);
    m.put(0, 0, values);
    return m;
  }

  static byte[] bytes(Mat m) {
    byte[] b = new byte[(int) m.total() * m.channels()];
    m.get(0, 0, b);
    return b;
  }

  /** A 40x20 sample with one box [4,2,12,10] (label 3) and its bitmap mask. */
  static Sample boxSample() {
    Sample s = new Sample("t", gradient(40, 20));
    s.setBoxes(new float[] {4, 2, 12, 10}, new int[] {3});
    byte[] m = new byte[40 * 20];
    for (int y = 2; y < 10; y++) {
      for (int x = 4; x < 12; x++) {
        m[y * 40 + x] = 1;
      }
    }
    s.setMasks(List.of(gray(40, 20, m)));
    s.setPolygons(List.of(List.of(new double[] {4, 2, 12, 2, 12, 10, 4, 10})));
    return s;
  }
}
