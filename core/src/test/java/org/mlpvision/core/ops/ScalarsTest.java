package org.mlpvision.core.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ScalarsTest {
  /** d/dx sum(f(x)) at x = 2, with garbage collections between forward and backward. */
  private static float[] gradientAfterGc(UnaryOperator<NDArray> f) {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.full(new Shape(4), 2f);
      x.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray y = f.apply(x).sum();
        for (int i = 0; i < 3; i++) {
          System.gc();
          // Allocate so that freed direct buffers are reused before backward.
          m.ones(new Shape(64)).close();
        }
        gc.backward(y);
      }
      return x.getGradient().toFloatArray();
    }
  }

  @Test
  void scalarOperandsSurviveGarbageCollectionBeforeBackward() {
    for (int trial = 0; trial < 5; trial++) {
      assertThat(gradientAfterGc(x -> Scalars.div(x, 3))).containsOnly(1f / 3f);
      assertThat(gradientAfterGc(x -> Scalars.mul(x, 0.5))).containsOnly(0.5f);
      assertThat(gradientAfterGc(x -> Scalars.maximum(x, 1))).containsOnly(1f);
    }
  }

  @Test
  void scalarTakesTheOperandsTypeAndDevice() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.ones(new Shape(2), ai.djl.ndarray.types.DataType.FLOAT64);
      NDArray s = Scalars.like(x, 0.1);
      assertThat(s.getDataType()).isEqualTo(x.getDataType());
      assertThat(s.getDevice()).isEqualTo(x.getDevice());
      assertThat(s.getDouble()).isEqualTo(0.1);
    }
  }
}
