package org.mlpvision.datasets.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mlpvision.datasets.transform.Normalize;
import org.mlpvision.datasets.transform.OpenCvRuntime;
import org.mlpvision.datasets.transform.Pad;
import org.mlpvision.datasets.transform.Sample;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

class HostBatchTest {
  private static Mat noise(int w, int h, long seed) {
    OpenCvRuntime.ensureLoaded();
    byte[] px = new byte[w * h * 3];
    new Random(seed).nextBytes(px);
    Mat m = new Mat(h, w, CvType.CV_8UC3);
    m.put(0, 0, px);
    return m;
  }

  @Test
  void fusedNormalizationEqualsNormalizeThenPadThenCollate() {
    Normalize norm = Normalize.imagenet();
    try (Sample a1 = new Sample("a", noise(13, 7, 1));
        Sample b1 = new Sample("b", noise(9, 11, 2));
        Sample a2 = new Sample("a", noise(13, 7, 1));
        Sample b2 = new Sample("b", noise(9, 11, 2))) {
      for (Sample s : List.of(a1, b1)) {
        norm.apply(s, new Random(0));
        Pad.toDivisor(8).apply(s, new Random(0));
      }
      Pad.shapeOnly(8).apply(a2, new Random(0));
      assertThat(a2.meta().padW()).isEqualTo(16);
      assertThat(a2.width()).isEqualTo(13);
      HostBatch plain = HostBatch.collate(List.of(a1, b1), 8);
      HostBatch fused = HostBatch.collate(List.of(a2, b2), 8, norm);
      assertThat(fused.height()).isEqualTo(16);
      assertThat(fused.width()).isEqualTo(16);
      assertThat(plain.height()).isEqualTo(16);
      float[] p = plain.images();
      float[] f = fused.images();
      assertThat(f).hasSameSizeAs(p);
      for (int i = 0; i < p.length; i++) {
        assertThat(Math.abs(p[i] - f[i])).as("element %d", i).isLessThan(1e-5f);
      }
    }
  }

  @Test
  void unnormalizedImagesNeedAFusedNormalize() {
    try (Sample s = new Sample("raw", noise(4, 4, 3))) {
      assertThatThrownBy(() -> HostBatch.collate(List.of(s), 4))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("image raw");
    }
  }
}
