package org.mlpvision.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnaryLayerTest {
  /** {@code x + 2 conv(conv(x))}, remembering the intermediates it made. */
  private static final class Residual extends UnaryLayer {
    final List<NDArray> made = new ArrayList<>();
    private final Conv a = addChildBlock("a", Conv.pointwise(2, 2, true, Init.torchDefault()));
    private final Conv b = addChildBlock("b", Conv.pointwise(2, 2, true, Init.torchDefault()));

    @Override
    protected NDArray compute(ParameterStore ps, NDArray x, boolean training) {
      NDArray h = a.apply(ps, x, training);
      NDArray g = b.apply(ps, h, training);
      NDArray scaled = g.add(g);
      made.add(h);
      made.add(g);
      made.add(scaled);
      return x.add(scaled);
    }
  }

  /** Two residual children in a row, each reading the input again after its child ran. */
  private static final class Outer extends UnaryLayer {
    private final Residual first = addChildBlock("first", new Residual());
    private final Residual second = addChildBlock("second", new Residual());

    @Override
    protected NDArray compute(ParameterStore ps, NDArray x, boolean training) {
      NDArray y = first.apply(ps, x, training);
      return second.apply(ps, y, training).add(x);
    }
  }

  @Test
  void compositeLayersReleaseTheirIntermediatesAndKeepInputAndOutput() {
    try (NDManager m = NDManager.newBaseManager()) {
      Outer outer = new Outer();
      outer.initialize(m, DataType.FLOAT32, new Shape(1, 2, 3, 3));
      try (NDManager caller = m.newSubManager()) {
        NDArray x = caller.randomNormal(new Shape(1, 2, 3, 3));
        NDArray y = outer.apply(new ParameterStore(m, false), x, false);
        assertThat(outer.first.made).hasSize(3).allMatch(NDArray::isReleased);
        assertThat(outer.second.made).hasSize(3).allMatch(NDArray::isReleased);
        assertThat(x.isReleased()).isFalse();
        assertThat(x.getManager()).isSameAs(caller);
        assertThat(y.isReleased()).isFalse();
        assertThat(y.getManager()).isSameAs(caller);
        assertThat(y.getShape()).isEqualTo(x.getShape());
      }
    }
  }

  @Test
  void releasedIntermediatesStillBackpropagate() {
    try (NDManager m = NDManager.newBaseManager()) {
      Outer outer = new Outer();
      outer.initialize(m, DataType.FLOAT32, new Shape(1, 2, 3, 3));
      NDArray x = m.randomNormal(new Shape(1, 2, 3, 3));
      x.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray y = outer.apply(new ParameterStore(m, false), x, true);
        assertThat(outer.first.made).allMatch(NDArray::isReleased);
        gc.backward(y.pow(2).sum());
      }
      NDArray weightGrad = outer.first.b.weight().getArray().getGradient();
      assertThat(weightGrad.abs().sum().getFloat()).isGreaterThan(0f);
      assertThat(x.getGradient().abs().sum().getFloat()).isGreaterThan(0f);
    }
  }

  @Test
  void releaseClosesWhatWasConsumedUnlessTheOpReturnedIt() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray a = m.ones(new Shape(2));
      NDArray b = Release.then(a, a.add(1));
      assertThat(a.isReleased()).isTrue();
      assertThat(b.toFloatArray()).containsExactly(2f, 2f);
      assertThat(Release.then(b, b)).isSameAs(b);
      assertThat(b.isReleased()).isFalse();
    }
  }
}
