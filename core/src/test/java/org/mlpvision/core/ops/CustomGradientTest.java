package org.mlpvision.core.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class CustomGradientTest {
  @AutoClose private final NDManager m = NDManager.newBaseManager();

  @Test
  void theValueIsExactAndTheGradientIsTheGivenOneThroughLaterOps() {
    NDArray x = m.create(new float[] {1.5f, -2f, 3f}, new Shape(3));
    x.setRequiresGradient(true);
    NDArray given = m.create(new float[] {0.25f, -1f, 7f}, new Shape(3));
    float value = 0.1234567f;
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      // Inputs computed from x, and a later op on the result: the chain rule runs through both.
      NDArray input = x.mul(2);
      NDArray y = CustomGradient.scalar(m.create(value), input, given);
      assertThat(y.getFloat()).isEqualTo(value);
      gc.backward(y.mul(3));
    }
    assertThat(x.getGradient().toFloatArray()).containsExactly(1.5f, -6f, 42f);
  }

  @Test
  void mismatchedShapesAreRejected() {
    NDArray x = m.zeros(new Shape(2, 3));
    assertThatThrownBy(() -> CustomGradient.scalar(m.create(1f), x, m.zeros(new Shape(3, 2))))
        .hasMessageContaining("(3, 2)")
        .hasMessageContaining("(2, 3)");
    assertThatThrownBy(() -> CustomGradient.scalar(m.zeros(new Shape(1)), x, x))
        .hasMessageContaining("0-d");
  }
}
