package org.mlpvision.core.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.mlpvision.core.testing.GradientCheck;

class RollTest {
  @Test
  void positiveShiftMovesContentTowardLargerIndices() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.arange(5f);
      assertThat(Roll.roll(x, 2, 0).toFloatArray()).containsExactly(3, 4, 0, 1, 2);
      assertThat(Roll.roll(x, -1, 0).toFloatArray()).containsExactly(1, 2, 3, 4, 0);
      assertThat(Roll.roll(x, 7, 0).toFloatArray()).containsExactly(3, 4, 0, 1, 2);
      assertThat(Roll.roll(x, 5, 0).toFloatArray()).containsExactly(0, 1, 2, 3, 4);
    }
  }

  @Test
  void rollsOnlyTheRequestedAxis() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.arange(12f).reshape(3, 4);
      float[] y = Roll.roll(x, 1, -1).toFloatArray();
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 4; j++) {
          assertThat(y[i * 4 + j]).isEqualTo(i * 4 + Math.floorMod(j - 1, 4));
        }
      }
    }
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.randomNormal(0, 1, new Shape(2, 3, 5), DataType.FLOAT64);
      double err = GradientCheck.maxRelativeError(m, x, a -> Roll.roll(a, 2, 2), 1e-6);
      assertThat(err).isLessThan(1e-6);
    }
  }
}
