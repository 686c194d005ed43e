package org.mlpvision.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.mlpvision.core.testing.GradientCheck;

class ConvTranspose2x2Test {
  @Test
  void equalsTheScatterDefinitionOfTransposedConvolution() {
    try (NDManager m = NDManager.newBaseManager()) {
      int n = 2, cin = 3, cout = 4, h = 3, w = 5;
      NDArray x = m.randomNormal(0, 1, new Shape(n, cin, h, w), DataType.FLOAT64);
      NDArray k = m.randomNormal(0, 1, new Shape(cin, cout, 2, 2), DataType.FLOAT64);
      NDArray b = m.randomNormal(0, 1, new Shape(cout), DataType.FLOAT64);
      double[] xv = x.toDoubleArray();
      double[] kv = k.toDoubleArray();
      double[] bv = b.toDoubleArray();
      double[] expected = new double[n * cout * 2 * h * 2 * w];
      for (int i = 0; i < n; i++) {
        for (int o = 0; o < cout; o++) {
          for (int y = 0; y < 2 * h; y++) {
            for (int z = 0; z < 2 * w; z++) {
              double s = bv[o];
              for (int c = 0; c < cin; c++) {
                s +=
                    xv[((i * cin + c) * h + y / 2) * w + z / 2]
                        * kv[((c * cout + o) * 2 + y % 2) * 2 + z % 2];
              }
              expected[((i * cout + o) * 2 * h + y) * 2 * w + z] = s;
            }
          }
        }
      }
      NDArray out = ConvTranspose2x2.apply(x, k, b);
      assertThat(out.getShape()).isEqualTo(new Shape(n, cout, 2 * h, 2 * w));
      assertThat(out.toDoubleArray()).containsExactly(expected, within(1e-12));
    }
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.randomNormal(0, 1, new Shape(1, 2, 2, 3), DataType.FLOAT64);
      NDArray k = m.randomNormal(0, 1, new Shape(2, 3, 2, 2), DataType.FLOAT64);
      NDArray b = m.randomNormal(0, 1, new Shape(3), DataType.FLOAT64);
      assertThat(GradientCheck.maxRelativeError(m, x, in -> ConvTranspose2x2.apply(in, k, b), 1e-6))
          .isLessThan(1e-6);
      assertThat(GradientCheck.maxRelativeError(m, k, in -> ConvTranspose2x2.apply(x, in, b), 1e-6))
          .isLessThan(1e-6);
    }
  }

  @Test
  void blockHasPyTorchParameterLayout() {
    try (NDManager m = NDManager.newBaseManager()) {
      ConvTranspose2x2 block = new ConvTranspose2x2(4, 8, true, Init.kaimingNormal());
      block.initialize(m, DataType.FLOAT32, new Shape(1, 4, 3, 3));
      assertThat(block.getParameters().get("weight").getArray().getShape())
          .isEqualTo(new Shape(4, 8, 2, 2));
      assertThat(block.getParameters().get("bias").getArray().getShape()).isEqualTo(new Shape(8));
      NDArray y =
          block
              .forward(
                  new ParameterStore(m, false), new NDList(m.ones(new Shape(1, 4, 3, 3))), false)
              .singletonOrThrow();
      assertThat(y.getShape()).isEqualTo(new Shape(1, 8, 6, 6));
      assertThat(block.getOutputShapes(new Shape[] {new Shape(2, 4, 5, 7)})[0])
          .isEqualTo(new Shape(2, 8, 10, 14));
    }
  }

  @Test
  void channelsAreExplicitAndCheckedAgainstTheInput() {
    try (NDManager m = NDManager.newBaseManager()) {
      ConvTranspose2x2 block = new ConvTranspose2x2(6, 2, false, Init.kaimingNormal());
      block.initialize(m, DataType.FLOAT32, new Shape(1, 6, 2, 2));
      assertThat(block.getParameters().get("weight").getArray().getShape())
          .isEqualTo(new Shape(6, 2, 2, 2));
      assertThat(block.getParameters().contains("bias")).isFalse();
      assertThatThrownBy(
              () -> block.apply(new ParameterStore(m, false), m.ones(new Shape(1, 4, 2, 2)), false))
          .hasMessageContaining("expected 6 input channels");
    }
  }

  @Test
  void rejectsAWeightOfTheWrongLayout() {
    try (NDManager m = NDManager.newBaseManager()) {
      assertThatThrownBy(
              () ->
                  ConvTranspose2x2.apply(
                      m.zeros(new Shape(1, 3, 2, 2)), m.zeros(new Shape(4, 3, 2, 2)), null))
          .hasMessageContaining("weight must have shape (3, Cout, 2, 2), got (4, 3, 2, 2)");
    }
  }
}
