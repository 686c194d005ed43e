package org.mlpvision.datasets.visual;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlpvision.datasets.transform.OpenCvRuntime;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

class SemanticPainterTest {
  private static final int H = 40;
  private static final int W = 50;
  private static final List<int[]> PALETTE =
      List.of(
          new int[] {0, 0, 0},
          new int[] {10, 20, 30},
          new int[] {200, 0, 0},
          new int[] {0, 200, 0},
          new int[] {0, 0, 200});
  private static final List<String> NAMES = List.of("zero", "one", "two", "three", "four");

  private static int[] px(Mat m, int x, int y) {
    byte[] b = new byte[3];
    m.get(y, x, b);
    return new int[] {b[0] & 0xff, b[1] & 0xff, b[2] & 0xff};
  }

  /** Classes 2 (left 20 columns), 4 (the rest) and 7 (no colour: blends with black) at (49, 39). */
  private static int[] labels() {
    int[] l = new int[H * W];
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        l[y * W + x] = x < 20 ? 2 : 4;
      }
    }
    l[H * W - 1] = 7;
    return l;
  }

  @Test
  void blendsEachPixelWithItsClassColourAsMmsegDoes() {
    OpenCvRuntime.ensureLoaded();
    Mat img = new Mat(H, W, CvType.CV_8UC3, new Scalar(101, 51, 11));
    assertThat(SemanticPainter.paint(img, labels(), PALETTE, null)).isEmpty();
    // BGR: b = 101·0.5 + rgb[2]·0.5, g = 51·0.5 + rgb[1]·0.5, r = 11·0.5 + rgb[0]·0.5.
    assertThat(px(img, 5, 5)).containsExactly(50, 25, 105);
    assertThat(px(img, 30, 20)).containsExactly(150, 25, 5);
    assertThat(px(img, 49, 39)).containsExactly(50, 25, 5);
    img.release();
  }

  @Test
  void theLegendNamesTheClassesPresentMostPixelsFirstWithTheirColours() {
    OpenCvRuntime.ensureLoaded();
    Mat img = new Mat(H, W, CvType.CV_8UC3, new Scalar(101, 51, 11));
    List<SemanticPainter.LegendRow> rows = SemanticPainter.paint(img, labels(), PALETTE, NAMES);
    assertThat(rows).extracting(SemanticPainter.LegendRow::name).containsExactly("four", "two");
    for (SemanticPainter.LegendRow row : rows) {
      int[] rgb = PALETTE.get(row.label());
      assertThat(
              px(img, 2 + SemanticPainter.SWATCH / 2, row.top() + 2 + SemanticPainter.SWATCH / 2))
          .containsExactly(rgb[2], rgb[1], rgb[0]);
    }
    // Below the legend the picture is the plain blend.
    assertThat(px(img, 5, 30)).containsExactly(50, 25, 105);
    img.release();
  }
}
