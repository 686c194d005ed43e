package org.mlpvision.detection.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MaskPasterTest {
  @Test
  void pastesTheSpecSliceOfAnAllOnesMask() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray ones = m.ones(new Shape(2, 28, 28));
      NDArray boxes = m.create(new float[] {10, 0, 38, 4, 10.25f, 0, 38.25f, 4}).reshape(2, 4);
      MaskPaster p = new MaskPaster(0.5);
      float[] a = p.soft(ones, boxes, 4, 48).get(0, 1).toFloatArray();
      float[] b = p.soft(ones, boxes, 4, 48).get(1, 1).toFloatArray();
      assertThat(a[9]).isZero();
      assertThat(a[10]).isEqualTo(1f);
      assertThat(a[37]).isEqualTo(1f);
      assertThat(a[38]).isZero();
      assertThat(b[10]).isCloseTo(0.75f, within(1e-6f));
      assertThat(b[38]).isCloseTo(0.25f, within(1e-6f));
      boolean[] bin = p.paste(ones, boxes, 4, 48).get(1, 1).toBooleanArray();
      assertThat(bin[10]).isTrue();
      assertThat(bin[38]).isFalse();
      assertThat(bin[9]).isFalse();
    }
  }

  @Test
  void equalsAPerPixelGridSampleOnRandomMasks() {
    Random rng = new Random(5);
    int d = 3;
    int s = 5;
    int h = 17;
    int w = 23;
    double[] masks = new double[d * s * s];
    for (int i = 0; i < masks.length; i++) {
      masks[i] = rng.nextDouble();
    }
    float[] boxes = {2.3f, 1.1f, 15.7f, 12.4f, -3f, 4f, 9f, 20f, 10f, 10f, 10f, 14f};
    try (NDManager m = NDManager.newBaseManager()) {
      double[] out =
          new MaskPaster(0.5)
              .soft(m.create(masks, new Shape(d, s, s)), m.create(boxes).reshape(d, 4), h, w)
              .toDoubleArray();
      for (int k = 0; k < d; k++) {
        for (int i = 0; i < h; i++) {
          for (int j = 0; j < w; j++) {
            double ex = gridSample(masks, k, s, boxes, i, j);
            assertThat(out[(k * h + i) * w + j]).isCloseTo(ex, within(1e-6));
          }
        }
      }
    }
  }

  /** grid_sample(bilinear, zeros, align_corners=False) at one pixel centre, per mmdet's grid. */
  private static double gridSample(double[] masks, int k, int s, float[] b, int i, int j) {
    double x1 = b[4 * k];
    double y1 = b[4 * k + 1];
    double x2 = b[4 * k + 2];
    double y2 = b[4 * k + 3];
    if (!(x2 > x1 && y2 > y1)) {
      return 0;
    }
    double gx = (j + 0.5 - x1) / (x2 - x1) * 2 - 1;
    double gy = (i + 0.5 - y1) / (y2 - y1) * 2 - 1;
    double u = ((gx + 1) * s - 1) / 2;
    double v = ((gy + 1) * s - 1) / 2;
    int u0 = (int) Math.floor(u);
    int v0 = (int) Math.floor(v);
    double sum = 0;
    for (int dy = 0; dy < 2; dy++) {
      for (int dx = 0; dx < 2; dx++) {
        int uu = u0 + dx;
        int vv = v0 + dy;
        if (uu < 0 || vv < 0 || uu >= s || vv >= s) {
          continue;
        }
        double wgt = (dx == 0 ? 1 - (u - u0) : u - u0) * (dy == 0 ? 1 - (v - v0) : v - v0);
        sum += wgt * masks[(k * s + vv) * s + uu];
      }
    }
    return sum;
  }

  @Test
  void noDetectionsGiveAnEmptyCanvasStack() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray out =
          new MaskPaster(0.5).paste(m.zeros(new Shape(0, 28, 28)), m.zeros(new Shape(0, 4)), 5, 6);
      assertThat(out.getShape()).isEqualTo(new Shape(0, 5, 6));
      assertThat(out.getDataType()).isEqualTo(DataType.BOOLEAN);
    }
  }
}
