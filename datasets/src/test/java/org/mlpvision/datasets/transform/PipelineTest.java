package org.mlpvision.datasets.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlpvision.datasets.transform.TransformTestSupport.gradient;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;

class PipelineTest {
  @Test
  void swin3xPipelineUsesBothPoliciesAndEndsPaddedAndNormalized() {
    Set<Integer> shorts = new HashSet<>();
    boolean cropped = false;
    for (int seed = 0; seed < 12; seed++) {
      try (Sample s = new Sample("p", gradient(64, 48))) {
        s.setBoxes(new float[] {4, 4, 60, 44}, new int[] {1});
        assertThat(Pipeline.cocoTrainSwin3x().apply(s, new Random(seed))).isTrue();
        assertThat(s.image().type()).isEqualTo(CvType.CV_32FC3);
        assertThat(s.width() % 32).isZero();
        assertThat(s.height() % 32).isZero();
        ImageMeta m = s.meta();
        shorts.add(Math.min(m.imgH(), m.imgW()));
        assertThat(Math.min(m.imgH(), m.imgW())).isBetween(480, 800);
        assertThat(Math.max(m.imgH(), m.imgW())).isLessThanOrEqualTo(1333);
        cropped |= m.cropX() > 0 || m.cropY() > 0 || m.imgW() * 3 != m.imgH() * 4;
      }
    }
    assertThat(shorts.size()).isGreaterThan(3);
    assertThat(cropped).as("policy (b) crops").isTrue();
  }

  @Test
  void testPipelineResizesTo1333x800AndPads() {
    try (Sample s = new Sample("t", gradient(64, 48))) {
      Pipeline.cocoTest().apply(s, new Random(0));
      assertThat(s.meta().imgW()).isEqualTo(1067);
      assertThat(s.meta().imgH()).isEqualTo(800);
      assertThat(s.width()).isEqualTo(1088);
      assertThat(s.height()).isEqualTo(800);
      assertThat(s.meta().flipped()).isFalse();
    }
  }

  @Test
  void adePipelineGivesA512CropWithIgnorePadding() {
    try (Sample s = new Sample("a", gradient(120, 90))) {
      byte[] labels = new byte[120 * 90];
      for (int i = 0; i < labels.length; i++) {
        labels[i] = (byte) (i % 120 < 60 ? 1 : 2);
      }
      s.setLabelMap(TransformTestSupport.gray(120, 90, labels));
      Pipeline.adeTrain().apply(s, new Random(3));
      assertThat(s.width()).isEqualTo(512);
      assertThat(s.height()).isEqualTo(512);
      assertThat(s.labelMap().rows()).isEqualTo(512);
      assertThat(s.meta().imgW()).isLessThanOrEqualTo(512);
    }
  }

  @Test
  void adeTestKeepsA683x512ImageAtFactorOneWithoutPadding() {
    try (Sample s = new Sample("v", TransformTestSupport.gradient(683, 512))) {
      Pipeline.adeTest().apply(s, new Random(0));
      assertThat(s.width()).isEqualTo(683);
      assertThat(s.height()).isEqualTo(512);
      assertThat(s.meta().scaleW()).isEqualTo(1.0);
      assertThat(s.image().type()).isEqualTo(CvType.CV_32FC3);
    }
  }
}
