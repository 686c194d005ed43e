package org.mlpvision.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.mlpvision.core.testing.GradientCheck;

class LossesTest {
  // Closed by JUnit after the class's tests.
  @AutoClose private static final NDManager m = NDManager.newBaseManager();

  @Test
  void smoothL1OfTheSpecExamples() {
    NDArray d = m.create(new float[] {0.05f, -0.5f, 0f});
    float[] l = SmoothL1.elementwise(d, d.zerosLike(), 1.0 / 9).toFloatArray();
    assertThat(l).containsExactly(new float[] {0.01125f, 0.44444f, 0f}, within(1e-5f));
    assertThat(SmoothL1.elementwise(d, d.zerosLike(), 0).toFloatArray())
        .containsExactly(0.05f, 0.5f, 0f);
  }

  @Test
  void sigmoidBceIsStableAndExact() {
    NDArray x = m.create(new double[] {-100, -1, 0, 2, 100});
    NDArray z = m.create(new double[] {1, 0, 1, 1, 0});
    double[] l = SigmoidBce.elementwise(x, z).toDoubleArray();
    double[] expected = {100, Math.log1p(Math.exp(-1)), Math.log(2), Math.log1p(Math.exp(-2)), 100};
    assertThat(l).containsExactly(expected, within(1e-9));
  }

  @Test
  void softmaxCrossEntropyIgnoresLabelsAndWeighsClasses() {
    NDArray logits = m.create(new double[] {1, 2, 3, 0, 0, 0, 5, 1, -1}, new Shape(3, 3));
    NDArray labels = m.create(new long[] {2, 255, 0});
    double[] l = SoftmaxCrossEntropy.elementwise(logits, labels, 255, null).toDoubleArray();
    double lse0 = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
    double lse2 = Math.log(Math.exp(5) + Math.exp(1) + Math.exp(-1));
    assertThat(l).containsExactly(new double[] {lse0 - 3, 0, lse2 - 5}, within(1e-12));
    NDArray cw = m.create(new double[] {2, 1, 0.5});
    double[] w = SoftmaxCrossEntropy.elementwise(logits, labels, 255, cw).toDoubleArray();
    assertThat(w)
        .containsExactly(new double[] {0.5 * (lse0 - 3), 0, 2 * (lse2 - 5)}, within(1e-12));
    // mmseg 0.11: the ignored element still counts in the mean's denominator.
    double mean =
        SoftmaxCrossEntropy.loss(logits, labels, 255, null, null, Reduction.MEAN, null).getDouble();
    assertThat(mean).isCloseTo((lse0 - 3 + lse2 - 5) / 3, within(1e-12));
  }

  @Test
  void softmaxCrossEntropyWorksOnDenseMapsWithBackgroundLast() {
    NDArray logits = m.randomNormal(0, 1, new Shape(2, 4, 3, 5), DataType.FLOAT64);
    NDArray labels = m.randomInteger(0, 4, new Shape(2, 3, 5), DataType.INT64);
    NDArray l =
        SoftmaxCrossEntropy.elementwise(logits, labels, SoftmaxCrossEntropy.NO_IGNORE, null);
    assertThat(l.getShape()).isEqualTo(new Shape(2, 3, 5));
    double[] lg = logits.toDoubleArray();
    long[] lb = labels.toLongArray();
    double[] lv = l.toDoubleArray();
    for (int n = 0; n < 2; n++) {
      for (int p = 0; p < 15; p++) {
        double s = 0;
        for (int c = 0; c < 4; c++) {
          s += Math.exp(lg[(n * 4 + c) * 15 + p]);
        }
        double expected = Math.log(s) - lg[(n * 4 + (int) lb[n * 15 + p]) * 15 + p];
        assertThat(lv[n * 15 + p]).isCloseTo(expected, within(1e-12));
      }
    }
    assertThat(
            GradientCheck.maxRelativeError(
                m, logits, in -> SoftmaxCrossEntropy.elementwise(in, labels, 3, null), 1e-6))
        .isLessThan(1e-6);
  }

  @Test
  void reductionUsesWeightsAndAveragingFactors() {
    NDArray l = m.create(new float[] {1, 2, 3, 4});
    NDArray w = m.create(new float[] {1, 0, 1, 0.5f});
    assertThat(Reduction.MEAN.apply(l, w, null).getFloat()).isCloseTo(6f / 4, within(1e-6f));
    assertThat(Reduction.MEAN.apply(l, w, 3.0).getFloat()).isCloseTo(2f, within(1e-6f));
    assertThat(Reduction.SUM.apply(l, w, null).getFloat()).isEqualTo(6f);
    assertThat(Reduction.NONE.apply(l, w, null).toFloatArray()).containsExactly(1, 0, 3, 2);
    assertThat(L1.loss(l, l.zerosLike(), null, Reduction.MEAN, 2.0).getFloat()).isEqualTo(5f);
    assertThat(SigmoidBce.loss(l, l.zerosLike(), null, Reduction.MEAN, 2.0).getDataType())
        .isEqualTo(DataType.FLOAT32);
    assertThatThrownBy(() -> Reduction.SUM.apply(l, null, 2.0)).hasMessageContaining("SUM");
    assertThatThrownBy(() -> Reduction.MEAN.apply(l, null, 0.0))
        .hasMessageContaining("avgFactor must be > 0, got 0.0");
  }

  @Test
  void mismatchedShapesAreNamed() {
    assertThatThrownBy(() -> L1.elementwise(m.zeros(new Shape(2)), m.zeros(new Shape(3))))
        .hasMessageContaining("(2) and (3)");
    assertThatThrownBy(
            () ->
                SoftmaxCrossEntropy.elementwise(
                    m.zeros(new Shape(2, 3)), m.zeros(new Shape(3)), -100, null))
        .hasMessageContaining("(2, 3) and (3)");
  }
}
