package org.mlpvision.core.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class DropPathTest {
  @Test
  void isIdentityOutsideTraining() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.randomNormal(new Shape(4, 3, 2, 2));
      assertThat(DropPath.apply(x, 0.5f, false)).isSameAs(x);
      assertThat(DropPath.apply(x, 0f, true)).isSameAs(x);
    }
  }

  @Test
  void dropsWholeSamplesAndRescalesTheKeptOnes() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.ones(new Shape(2000, 3, 2));
      float[] y = DropPath.apply(x, 0.25f, true).toFloatArray();
      int dropped = 0;
      for (int b = 0; b < 2000; b++) {
        float first = y[b * 6];
        for (int i = 1; i < 6; i++) {
          assertThat(y[b * 6 + i]).isEqualTo(first);
        }
        if (first == 0f) {
          dropped++;
        } else {
          assertThat(first).isCloseTo(1f / 0.75f, org.assertj.core.data.Offset.offset(1e-6f));
        }
      }
      assertThat(dropped).isBetween(400, 600);
    }
  }

  @Test
  void rejectsRatesOutsideTheUnitInterval() {
    try (NDManager m = NDManager.newBaseManager()) {
      assertThatThrownBy(() -> DropPath.apply(m.ones(new Shape(1)), 1f, true))
          .hasMessageContaining("1.0");
    }
  }
}
