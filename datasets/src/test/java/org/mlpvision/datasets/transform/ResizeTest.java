package org.mlpvision.datasets.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mlpvision.datasets.transform.TransformTestSupport.boxSample;
import static org.mlpvision.datasets.transform.TransformTestSupport.bytes;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;

class ResizeTest {
  @Test
  void keepRatioSizeFollowsMmcvRounding() {
    assertThat(Resize.rescaledSize(640, 480, new int[] {1333, 800})).containsExactly(1067, 800);
    assertThat(Resize.rescaledSize(683, 512, new int[] {2048, 512})).containsExactly(683, 512);
    assertThat(Resize.rescaledSize(480, 640, new int[] {1333, 800})).containsExactly(800, 1067);
    assertThat(Resize.rescaledSize(2000, 500, new int[] {1333, 800})).containsExactly(1333, 333);
  }

  @Test
  void resizesEveryPartAndRecordsTheScale() {
    try (Sample s = boxSample()) {
      Resize.fixed(80, 60).apply(s, new Random(0));
      // 40x20 -> factor min(80/40, 60/20) = 2.
      assertThat(s.width()).isEqualTo(80);
      assertThat(s.height()).isEqualTo(40);
      assertThat(s.meta().scaleW()).isEqualTo(2.0);
      assertThat(s.meta().imgW()).isEqualTo(80);
      assertThat(s.meta().oriW()).isEqualTo(40);
      assertThat(s.boxes()).containsExactly(8f, 4f, 24f, 20f);
      assertThat(Core.countNonZero(s.masks().get(0))).isEqualTo(16 * 16);
      assertThat(s.polygons().get(0).get(0)).containsExactly(8, 4, 24, 4, 24, 20, 8, 20);
      byte[] mask = bytes(s.masks().get(0));
      assertThat(new HashSet<>(List.of(mask[0], mask[4 * 80 + 8])))
          .containsExactly((byte) 0, (byte) 1);
    }
  }

  @Test
  void boxesAreClippedToTheNewImage() {
    try (Sample s = boxSample()) {
      s.setBoxes(new float[] {-3, 0, 45, 19}, new int[] {0});
      s.setMasks(null);
      s.setPolygons(null);
      Resize.fixed(40, 20).apply(s, new Random(0));
      assertThat(s.boxes()).containsExactly(0f, 0f, 40f, 19f);
    }
  }

  @Test
  void valueModePicksOneOfTheScalesAndRangeModeStaysInside() {
    Resize value = Resize.shortEdges(1333, 480, 512, 544);
    Set<Integer> shorts = new HashSet<>();
    Random rnd = new Random(1);
    for (int i = 0; i < 200; i++) {
      shorts.add(value.pickScale(rnd)[1]);
    }
    assertThat(shorts).containsExactlyInAnyOrder(480, 512, 544);
    Resize range =
        new Resize(
            List.of(new int[] {1333, 640}, new int[] {1333, 800}), Resize.Mode.RANGE, null, true);
    for (int i = 0; i < 200; i++) {
      int[] sc = range.pickScale(rnd);
      assertThat(sc[0]).isEqualTo(1333);
      assertThat(sc[1]).isBetween(640, 800);
    }
    Resize ratio =
        new Resize(
            List.of(new int[] {2048, 512}), Resize.Mode.VALUE, new double[] {0.5, 2.0}, true);
    for (int i = 0; i < 200; i++) {
      int[] sc = ratio.pickScale(rnd);
      assertThat(sc[0] / 4.0).isCloseTo(sc[1], within(1.0));
      assertThat(sc[1]).isBetween(256, 1024);
    }
  }
}
