package org.mlpvision.datasets.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlpvision.datasets.mask.RleTest.bitmap;

import java.util.List;
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
}
