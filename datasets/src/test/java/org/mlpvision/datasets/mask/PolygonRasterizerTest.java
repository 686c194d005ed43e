package org.mlpvision.datasets.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlpvision.datasets.mask.RleTest.bitmap;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PolygonRasterizerTest {
  @Test
  void squareCoversTheFourInnerPixels() {
    Rle rle = PolygonRasterizer.polygon(new double[] {1, 1, 1, 3, 3, 3, 3, 1}, 5, 5);
    assertThat(rle.counts()).containsExactly(6, 2, 3, 2, 12);
    assertThat(rle).isEqualTo(PolygonRasterizer.box(new double[] {1, 1, 2, 2}, 5, 5));
  }

  @Test
  void triangleMatchesPycocotools() {
    Rle rle = PolygonRasterizer.polygon(new double[] {0.5, 0.5, 4.5, 0.5, 0.5, 4.5}, 5, 5);
    assertThat(rle.toBitmap()).isEqualTo(bitmap("00000", "01110", "01100", "01000", "00000"));
    assertThat(rle.area()).isEqualTo(6);
  }

  @Test
  void boxZeroZeroOneOneIsTheFirstPixel() {
    Rle rle = PolygonRasterizer.box(new double[] {0, 0, 1, 1}, 3, 3);
    assertThat(rle.toBitmap()).isEqualTo(bitmap("100", "000", "000"));
  }

  @Test
  void polygonsOutsideTheImageAreClipped() {
    Rle rle = PolygonRasterizer.box(new double[] {-5, -5, 7, 7}, 4, 4);
    assertThat(rle.toBitmap()).isEqualTo(bitmap("1100", "1100", "0000", "0000"));
  }

  @Test
  void severalPolygonsAreUnioned() {
    Rle rle =
        PolygonRasterizer.polygons(
            List.of(new double[] {0, 0, 0, 2, 2, 2, 2, 0}, new double[] {1, 1, 1, 3, 3, 3, 3, 1}),
            4,
            4);
    assertThat(rle.toBitmap()).isEqualTo(bitmap("1100", "1110", "0110", "0000"));
    assertThat(rle.area()).isEqualTo(7);
  }

  @Test
  void integerRectanglesAreExactAndRandomPolygonsTrackTheirGeometricArea() {
    Random r = new Random(12);
    for (int t = 0; t < 300; t++) {
      int x = r.nextInt(20);
      int y = r.nextInt(20);
      int w = 1 + r.nextInt(15);
      int h = 1 + r.nextInt(15);
      Rle box = PolygonRasterizer.box(new double[] {x, y, w, h}, 40, 40);
      assertThat(box.area()).isEqualTo((long) w * h);
      assertThat(box.bbox()).containsExactly(x, y, w, h);
    }
    for (int t = 0; t < 300; t++) {
      // A convex polygon: points on a circle at sorted angles.
      int n = 3 + r.nextInt(10);
      double[] angles = r.doubles(n, 0, 2 * Math.PI).sorted().toArray();
      double cx = 20 + r.nextDouble() * 10;
      double cy = 20 + r.nextDouble() * 10;
      double rad = 3 + r.nextDouble() * 15;
      double[] xy = new double[2 * n];
      for (int i = 0; i < n; i++) {
        xy[2 * i] = cx + rad * Math.cos(angles[i]);
        xy[2 * i + 1] = cy + rad * Math.sin(angles[i]);
      }
      double area = 0;
      double perimeter = 0;
      for (int i = 0; i < n; i++) {
        int j = (i + 1) % n;
        area += xy[2 * i] * xy[2 * j + 1] - xy[2 * j] * xy[2 * i + 1];
        perimeter += Math.hypot(xy[2 * j] - xy[2 * i], xy[2 * j + 1] - xy[2 * i + 1]);
      }
      area = Math.abs(area) / 2;
      long pixels = PolygonRasterizer.polygon(xy, 60, 60).area();
      assertThat(Math.abs(pixels - area)).isLessThanOrEqualTo(perimeter / 2 + 2);
    }
  }
}
