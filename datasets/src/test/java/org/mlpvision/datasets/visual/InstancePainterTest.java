package org.mlpvision.datasets.visual;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlpvision.datasets.transform.OpenCvRuntime;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

class InstancePainterTest {
  private static final int H = 60;
  private static final int W = 80;

  private static int[] px(Mat m, int x, int y) {
    byte[] b = new byte[3];
    m.get(y, x, b);
    return new int[] {b[0] & 0xff, b[1] & 0xff, b[2] & 0xff};
  }

  @Test
  void masksBlendAndBoxesOutlineOnlyWhereDetectionsAbovetheThresholdAre() {
    OpenCvRuntime.ensureLoaded();
    Mat img = new Mat(H, W, CvType.CV_8UC3, new Scalar(100, 100, 100));
    float[] boxes = {10, 20, 40, 45, 50, 5, 70, 20};
    float[] scores = {0.9f, 0.1f};
    long[] labels = {1, 2};
    byte[] masks = new byte[2 * H * W];
    for (int y = 25; y < 40; y++) {
      for (int x = 15; x < 30; x++) {
        masks[y * W + x] = 1;
      }
    }
    for (int y = 8; y < 15; y++) {
      for (int x = 55; x < 65; x++) {
        masks[H * W + y * W + x] = 1;
      }
    }
    InstancePainter.paint(img, boxes, scores, labels, masks, List.of("a", "b", "c"), 0.3);

    int[] c = InstancePainter.colour(1);
    int[] blend = {
      (int) (100 * 0.5 + c[0] * 0.5), (int) (100 * 0.5 + c[1] * 0.5), (int) (100 * 0.5 + c[2] * 0.5)
    };
    // Inside the kept detection's mask: blended with its class colour.
    assertThat(px(img, 20, 30)).containsExactly(blend);
    assertThat(px(img, 29, 39)).containsExactly(blend);
    // Its box outline: the class colour.
    assertThat(px(img, 25, 45)).containsExactly(c);
    assertThat(px(img, 10, 35)).containsExactly(c);
    // Its label: a band of the class colour just above the box (the text starts one pixel in).
    assertThat(px(img, 10, 13)).containsExactly(c);
    // Inside the box but off the mask: untouched.
    assertThat(px(img, 35, 30)).containsExactly(100, 100, 100);
    // The detection under the threshold is not drawn at all.
    assertThat(px(img, 60, 10)).containsExactly(100, 100, 100);
    assertThat(px(img, 50, 12)).containsExactly(100, 100, 100);
    // Nothing changes outside the kept box and its label band above it.
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        boolean box = x >= 9 && x <= 41 && y >= 19 && y <= 46;
        boolean label = y <= 20 && y >= 8 && x >= 9;
        if (!box && !label) {
          assertThat(px(img, x, y)).as("(%d, %d)", x, y).containsExactly(100, 100, 100);
        }
      }
    }
    img.release();
  }
}
