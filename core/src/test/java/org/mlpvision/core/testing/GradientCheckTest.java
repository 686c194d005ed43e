package org.mlpvision.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class GradientCheckTest {
  @Test
  void acceptsACorrectGradientAndRejectsAWrongOne() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.randomNormal(0, 1, new Shape(3, 4), DataType.FLOAT64);
      assertThat(GradientCheck.maxRelativeError(m, x, a -> a.mul(a).sin(), 1e-6)).isLessThan(1e-7);
      // stopGradient hides the dependence from autograd: the check must notice.
      double wrong = GradientCheck.maxRelativeError(m, x, a -> a.mul(a.stopGradient()), 1e-6);
      assertThat(wrong).isGreaterThan(1e-2);
    }
  }
}
