package org.mlpvision.detection.box;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class GiouLossTest {
  @Test
  void lossOfTheSpecExampleWithWeightAndAverage() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray p = m.create(new float[] {0, 0, 10, 10, 0, 0, 4, 4}).reshape(2, 4);
      NDArray t = m.create(new float[] {5, 5, 15, 15, 0, 0, 4, 4}).reshape(2, 4);
      assertThat(GiouLoss.elementwise(p, t).toFloatArray())
          .containsExactly(new float[] {1.079365f, 0f}, within(1e-5f));
      NDArray w = m.create(new float[] {2, 1});
      assertThat(GiouLoss.loss(p, t, w, 4, 10).getFloat())
          .isCloseTo(10 * 2 * 1.079365f / 4, within(1e-4f));
    }
  }

  @Test
  void noPairsGiveAConnectedZero() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray p = m.zeros(new Shape(0, 4));
      p.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray l = GiouLoss.loss(p, m.zeros(new Shape(0, 4)), null, 512, 10);
        assertThat(l.getFloat()).isZero();
        gc.backward(l);
      }
      assertThat(p.getGradient().getShape()).isEqualTo(new Shape(0, 4));
    }
  }
}
