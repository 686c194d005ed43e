package org.mlpvision.segmentation.heads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mlpvision.core.testing.GradientCheck;

class AdaptiveAvgPoolTest {
  @AutoClose private final NDManager m = NDManager.newBaseManager();

  private NDArray pool(NDArray x, int size) {
    return new AdaptiveAvgPool(size).apply(new ParameterStore(m, false), x, false);
  }

  @Test
  void binsOverlapWhenTheMapIsSmallerThanTheOutput() {
    // Rows 0..3 pooled to 6: bins [0,1) [0,2) [1,2) [2,3) [2,4) [3,4).
    NDArray x = m.create(new float[] {1, 2, 4, 8}, new Shape(1, 1, 4, 1));
    assertThat(pool(x, 6).toFloatArray())
        .containsExactly(
            new float[] {
              1, 1, 1, 1, 1, 1, 1.5f, 1.5f, 1.5f, 1.5f, 1.5f, 1.5f, 2, 2, 2, 2, 2, 2, 4, 4, 4, 4, 4,
              4, 6, 6, 6, 6, 6, 6, 8, 8, 8, 8, 8, 8
            },
            within(1e-6f));
  }

  @ParameterizedTest(name = "{0}x{1} to {2}")
  @CsvSource({"4, 5, 6", "7, 3, 2", "1, 1, 3", "13, 9, 6", "32, 40, 1", "6, 6, 6", "5, 11, 3"})
  void equalsPyTorchsOwnAdaptivePooling(int h, int w, int size) {
    NDArray x = m.randomNormal(new Shape(2, 3, h, w));
    NDArray torch = JniUtils.adaptiveAvgPool((PtNDArray) x, new Shape(size, size));
    assertThat(pool(x, size).sub(torch).abs().max().getFloat()).isLessThan(1e-6f);
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    NDArray x = m.randomNormal(new Shape(1, 2, 4, 5)).toType(DataType.FLOAT64, false);
    assertThat(GradientCheck.maxRelativeError(m, x, a -> pool(a, 3), 1e-6)).isLessThan(1e-6);
  }
}
