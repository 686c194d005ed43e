package org.mlpvision.core.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.mlpvision.core.testing.GradientCheck;

class CircularPadTest {
  @Test
  void endPaddingRepeatsTheLeadingEntries() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.arange(5f);
      assertThat(CircularPad.padEnd(x, 2, 0).toFloatArray()).containsExactly(0, 1, 2, 3, 4, 0, 1);
      assertThat(CircularPad.pad(x, 1, 0, 0).toFloatArray()).containsExactly(4, 0, 1, 2, 3, 4);
    }
  }

  @Test
  void padsLargerThanTheAxisWrapAroundRepeatedly() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.arange(2f);
      assertThat(CircularPad.pad(x, 3, 4, 0).toFloatArray())
          .containsExactly(1, 0, 1, 0, 1, 0, 1, 0, 1);
    }
  }

  @Test
  void padOnTopThenKeepFirstRowsEqualsRoll() {
    // HW:seg implements the cross-region shift as "pad s rows on top circularly, keep H rows".
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.randomNormal(new Shape(2, 3, 7, 5));
      for (int s = 0; s <= 3; s++) {
        NDArray padded = CircularPad.pad(x, s, 0, 2).get(":, :, 0:7");
        assertThat(padded.eq(Roll.roll(x, s, 2)).all().getBoolean()).isTrue();
      }
    }
  }

  @Test
  void rejectsNegativePads() {
    try (NDManager m = NDManager.newBaseManager()) {
      assertThatThrownBy(() -> CircularPad.pad(m.arange(3f), -1, 0, 0)).hasMessageContaining("-1");
    }
  }

  @Test
  void gradientMatchesFiniteDifferencesIncludingWrapAround() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.randomNormal(0, 1, new Shape(1, 2, 3, 2), DataType.FLOAT64);
      assertThat(GradientCheck.maxRelativeError(m, x, a -> CircularPad.pad(a, 1, 2, 2), 1e-6))
          .isLessThan(1e-6);
      assertThat(GradientCheck.maxRelativeError(m, x, a -> CircularPad.padEnd(a, 5, 3), 1e-6))
          .isLessThan(1e-6);
    }
  }
}
