package org.mlpvision.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientClippingTest {
  @Test
  void scalesAllGradientsByOneFactorWhenTheGlobalNormIsTooLarge() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray a = m.create(new float[] {3f, 0f});
      NDArray b = m.create(new float[] {0f, -4f});
      double norm = GradientClipping.clip(List.of(a, b), 1.0);
      assertThat(norm).isCloseTo(5.0, within(1e-6));
      // Direction is kept: (3, -4) / 5, unlike DJL's element-wise clamp.
      assertThat(a.getFloat(0)).isCloseTo(0.6f, within(1e-5f));
      assertThat(b.getFloat(1)).isCloseTo(-0.8f, within(1e-5f));
      assertThat(GradientClipping.globalNorm(List.of(a, b))).isCloseTo(1.0, within(1e-5));
    }
  }

  @Test
  void leavesSmallGradientsAlone() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray a = m.create(new float[] {0.3f, 0.4f});
      assertThat(GradientClipping.clip(List.of(a), 1.0)).isCloseTo(0.5, within(1e-6));
      assertThat(a.toFloatArray()).containsExactly(0.3f, 0.4f);
    }
  }

  @Test
  void zeroLimitOnlyMeasures() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray a = m.create(new float[] {30f, 40f});
      assertThat(GradientClipping.clip(List.of(a), 0)).isCloseTo(50.0, within(1e-4));
      assertThat(a.toFloatArray()).containsExactly(30f, 40f);
    }
  }
}
