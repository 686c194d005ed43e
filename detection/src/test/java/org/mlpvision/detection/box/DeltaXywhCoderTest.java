package org.mlpvision.detection.box;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class DeltaXywhCoderTest {
  // Closed by JUnit after the class's tests.
  @AutoClose private static final NDManager m = NDManager.newBaseManager();
  private static final DeltaXywhCoder STAGE1 = DeltaXywhCoder.withStds(0.1f, 0.1f, 0.2f, 0.2f);

  @Test
  void encodesTheSpecExample() {
    NDArray p = m.create(new float[] {10, 20, 50, 60}).reshape(1, 4);
    NDArray g = m.create(new float[] {14, 18, 58, 70}).reshape(1, 4);
    assertThat(STAGE1.encode(p, g).toFloatArray())
        .containsExactly(new float[] {1.5f, 1.0f, 0.476551f, 1.311821f}, within(1e-5f));
    assertThat(STAGE1.decode(p, STAGE1.encode(p, g), null).toFloatArray())
        .containsExactly(new float[] {14, 18, 58, 70}, within(1e-4f));
  }

  @Test
  void clampsLogSizesToSixtyTwoAndAHalfTimes() {
    NDArray a = m.create(new float[] {0, 0, 16, 16}).reshape(1, 4);
    NDArray d = m.create(new float[] {0, 0, 5, -9}).reshape(1, 4);
    float[] box = DeltaXywhCoder.rpn().decode(a, d, null).toFloatArray();
    assertThat(box[2] - box[0]).isCloseTo(1000f, within(0.01f));
    assertThat(box[3] - box[1]).isCloseTo(0.256f, within(1e-4f));
    assertThat(DeltaXywhCoder.rpn().maxLogRatio()).isCloseTo(4.135167, within(1e-6));
  }

  @Test
  void decodeClipsToTheImageAndHandlesClassSpecificGroups() {
    NDArray r = m.create(new float[] {10, 10, 30, 30, 0, 0, 8, 8}).reshape(2, 4);
    NDArray d =
        m.create(new float[] {0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 1, -2, 0, 0, 0}).reshape(2, 8);
    float[] out = DeltaXywhCoder.rpn().decode(r, d, new long[] {25, 40}).toFloatArray();
    assertThat(out)
        .containsExactly(
            new float[] {10, 10, 30, 25, 40, 25, 40, 25, 0, 0, 14.873127f, 14.873127f, 0, 0, 0, 8},
            within(1e-4f));
  }

  @Test
  void randomBoxesRoundTrip() {
    NDArray p = m.randomUniform(0, 100, new Shape(50, 2), DataType.FLOAT64);
    p = p.concat(p.add(m.randomUniform(1, 80, new Shape(50, 2), DataType.FLOAT64)), 1);
    NDArray g = m.randomUniform(0, 100, new Shape(50, 2), DataType.FLOAT64);
    g = g.concat(g.add(m.randomUniform(1, 80, new Shape(50, 2), DataType.FLOAT64)), 1);
    DeltaXywhCoder c = DeltaXywhCoder.withStds(0.033f, 0.033f, 0.067f, 0.067f);
    NDArray back = c.decode(p, c.encode(p, g), null);
    assertThat(back.sub(g).abs().max().getDouble()).isLessThan(1e-9);
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> DeltaXywhCoder.withStds(1, 1, 0, 1))
        .hasMessageContaining("stds must be > 0");
    NDArray r = m.zeros(new Shape(2, 4));
    assertThatThrownBy(() -> DeltaXywhCoder.rpn().decode(r, m.zeros(new Shape(2, 6)), null))
        .hasMessageContaining("(N, 4K)")
        .hasMessageContaining("(2, 6)");
  }
}
