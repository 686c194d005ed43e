package org.mlpvision.datasets.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mlpvision.datasets.transform.TransformTestSupport.boxSample;
import static org.mlpvision.datasets.transform.TransformTestSupport.bytes;
import static org.mlpvision.datasets.transform.TransformTestSupport.gradient;
import static org.mlpvision.datasets.transform.TransformTestSupport.gray;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;

class GeometryTest {
  @Test
  void flipMirrorsBoxesWithoutPlusOneAndRecordsIt() {
    try (Sample s = boxSample()) {
      RandomFlip.flip(s);
      assertThat(s.boxes()).containsExactly(28f, 2f, 36f, 10f);
      assertThat(s.meta().flipped()).isTrue();
      assertThat(s.polygons().get(0).get(0)[0]).isEqualTo(36);
      assertThat(bytes(s.image())[0]).isEqualTo((byte) 39);
      assertThat(s.masks().get(0).get(2, 28)[0]).isEqualTo(1.0);
      assertThat(s.masks().get(0).get(2, 27)[0]).isEqualTo(0.0);
    }
  }

  @Test
  void flipProbabilityZeroAndOne() {
    try (Sample a = boxSample();
        Sample b = boxSample()) {
      new RandomFlip(0).apply(a, new Random(0));
      new RandomFlip(1).apply(b, new Random(0));
      assertThat(a.meta().flipped()).isFalse();
      assertThat(b.meta().flipped()).isTrue();
    }
  }

  @Test
  void predictionsMapBackThroughResizeAndFlip() {
    try (Sample s = boxSample()) {
      Resize.fixed(100, 30).apply(s, new Random(0));
      RandomFlip.flip(s);
      Pad.toDivisor(32).apply(s, new Random(0));
      float[] back = s.meta().boxesToOriginal(s.boxes());
      assertThat(back[0]).isCloseTo(4f, within(1e-4f));
      assertThat(back[1]).isCloseTo(2f, within(1e-4f));
      assertThat(back[2]).isCloseTo(12f, within(1e-4f));
      assertThat(back[3]).isCloseTo(10f, within(1e-4f));
    }
  }

  @Test
  void normalizeConvertsToRgbFloat() {
    try (Sample s = new Sample("n", gradient(4, 3))) {
      Normalize.imagenet().apply(s, new Random(0));
      assertThat(s.image().type()).isEqualTo(CvType.CV_32FC3);
      float[] px = new float[3];
      s.image().get(2, 3, px);
      // BGR (3, 2, 7) -> RGB (7, 2, 3)
      assertThat(px[0]).isCloseTo((7 - 123.675f) / 58.395f, within(1e-5f));
      assertThat(px[1]).isCloseTo((2 - 116.28f) / 57.12f, within(1e-5f));
      assertThat(px[2]).isCloseTo((3 - 103.53f) / 57.375f, within(1e-5f));
    }
  }

  @Test
  void padToDivisorAndToSize() {
    try (Sample s = boxSample()) {
      s.setLabelMap(gray(40, 20, new byte[800]));
      Pad.toDivisor(32).apply(s, new Random(0));
      assertThat(s.width()).isEqualTo(64);
      assertThat(s.height()).isEqualTo(32);
      assertThat(s.meta().padW()).isEqualTo(64);
      assertThat(s.meta().imgW()).isEqualTo(40);
      assertThat(s.labelMap().get(31, 63)[0]).isEqualTo(255.0);
      assertThat(s.labelMap().get(19, 39)[0]).isEqualTo(0.0);
      assertThat(s.image().get(31, 63)[0]).isEqualTo(0.0);
      assertThat(s.masks().get(0).rows()).isEqualTo(32);
    }
    try (Sample s = boxSample()) {
      Pad.toSize(24, 48).apply(s, new Random(0));
      assertThat(s.width()).isEqualTo(48);
      assertThat(s.height()).isEqualTo(24);
    }
  }

  @Test
  void segmentationCropAvoidsSingleClassWindows() {
    // Left 30 columns class 1, right 10 columns class 2: many 10x10 windows are single-class.
    byte[] labels = new byte[40 * 20];
    for (int y = 0; y < 20; y++) {
      for (int x = 0; x < 40; x++) {
        labels[y * 40 + x] = (byte) (x < 30 ? 1 : 2);
      }
    }
    int balanced = 0;
    for (int seed = 0; seed < 20; seed++) {
      try (Sample s = new Sample("c", gradient(40, 20))) {
        s.setLabelMap(gray(40, 20, labels));
        new RandomCrop(10, 10, 0.75, 255).apply(s, new Random(seed));
        assertThat(s.width()).isEqualTo(10);
        assertThat(s.meta().cropX()).isBetween(0, 30);
        int x0 = s.meta().cropX();
        assertThat(bytes(s.image())[0]).isEqualTo((byte) x0);
        if (x0 > 20 && x0 < 30) {
          balanced++;
        }
      }
    }
    // Windows straddling x=30 with a minority above 25% need x0 in 23..27: random chance is 5/31.
    assertThat(balanced).isGreaterThan(10);
  }

  @Test
  void boxCropDropsBoxesLeftEmptyAndCanRejectTheSample() {
    int dropped = 0;
    for (int seed = 0; seed < 30; seed++) {
      try (Sample s = boxSample()) {
        s.setIgnoreBoxes(new float[] {0, 0, 3, 3, 30, 12, 40, 20});
        boolean kept = new RandomBoxCrop(8, 12, false).apply(s, new Random(seed));
        float[] ig = s.ignoreBoxes();
        for (int i = 0; i < ig.length; i += 4) {
          assertThat(ig[i + 2]).isGreaterThan(ig[i]);
          assertThat(ig[i + 3]).isGreaterThan(ig[i + 1]);
        }
        assertThat(s.width()).isBetween(8, 12);
        assertThat(s.height()).isBetween(8, 12);
        assertThat(s.masks()).hasSize(s.labels().length);
        assertThat(s.polygons()).hasSize(s.labels().length);
        if (!kept) {
          dropped++;
          assertThat(s.labels()).isEmpty();
        } else {
          assertThat(s.boxes()[2]).isLessThanOrEqualTo(s.width());
        }
      }
    }
    assertThat(dropped).isPositive();
  }

  @Test
  void photometricDistortionIsSeededAndTruncates() {
    byte[] px = {100, (byte) 250, 0};
    PhotoMetricDistortion.affine(px, 0, 1, 1.5f, 0.7f);
    assertThat(px).containsExactly((byte) 150, (byte) 255, 0);
    try (Sample a = new Sample("p", gradient(16, 16));
        Sample b = new Sample("p", gradient(16, 16))) {
      new PhotoMetricDistortion().apply(a, new Random(5));
      new PhotoMetricDistortion().apply(b, new Random(5));
      assertThat(bytes(a.image())).isEqualTo(bytes(b.image()));
      assertThat(a.image().type()).isEqualTo(CvType.CV_8UC3);
    }
  }

  @Test
  void testTimeAugMakesOneViewPerScaleAndFlip() {
    var src = gradient(64, 32);
    TestTimeAug tta =
        new TestTimeAug(
            TestTimeAug.ratioScales(128, 32, 0.5, 1.0), true, List.of(Pad.toDivisor(32)));
    List<Sample> views = tta.views("v", src);
    try {
      assertThat(views).hasSize(4);
      assertThat(views.get(0).meta().imgW()).isEqualTo(32);
      assertThat(views.get(1).meta().flipped()).isTrue();
      assertThat(views.get(2).meta().imgW()).isEqualTo(64);
      assertThat(Core.countNonZero(src.reshape(1))).isPositive();
    } finally {
      views.forEach(Sample::close);
      src.release();
    }
  }
}
