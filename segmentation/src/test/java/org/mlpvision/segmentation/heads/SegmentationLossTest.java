package org.mlpvision.segmentation.heads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mlpvision.core.loss.SoftmaxCrossEntropy;
import org.mlpvision.core.ops.Resize;
import org.mlpvision.core.testing.GradientCheck;

/** mmseg 0.11's loss on examples small enough to check by hand. */
class SegmentationLossTest {
  @AutoClose private final NDManager m = NDManager.newBaseManager();

  private static final float LN3 = (float) Math.log(3);

  /**
   * Four pixels, two classes: logits (ln 3, 0) give p = 3/4 to class 0, (0, ln 3) give 1/4. Labels
   * 0, 0, 1 and one ignored pixel: CE = ln(4/3), ln 4, ln(4/3), 0; predictions 0, 1, 1, 0.
   */
  private NDArray logits() {
    return m.create(new float[] {LN3, 0, 0, LN3, 0, LN3, LN3, 0}, new Shape(1, 2, 2, 2));
  }

  private NDArray labels() {
    return m.create(new long[] {0, 0, 1, 255}, new Shape(1, 2, 2));
  }

  @Test
  void crossEntropyIsAveragedOverAllPixelsIgnoredOnesIncluded() {
    SegmentationLoss l = SegmentationLoss.of(logits(), labels(), 255, false, 1.0);
    double sum = 2 * Math.log(4.0 / 3) + Math.log(4);
    // Divided by all 4 pixels (0.4904), not by the 3 labelled ones (0.6539).
    assertThat(l.loss().getFloat()).isCloseTo((float) (sum / 4), within(1e-6f));
  }

  @Test
  void theLossWeightMultipliesAndTheAccuracyCountsIgnoredPixelsAsWrong() {
    SegmentationLoss l = SegmentationLoss.of(logits(), labels(), 255, false, 0.4);
    double sum = 2 * Math.log(4.0 / 3) + Math.log(4);
    assertThat(l.loss().getFloat()).isCloseTo((float) (0.4 * sum / 4), within(1e-6f));
    // Two of four pixels right: 50%, not 2/3 of the labelled ones; the weight does not apply.
    assertThat(l.accuracy().getDouble()).isEqualTo(50.0);
  }

  @Test
  void logitsAreResizedToTheLabelSizeFirst() {
    // A 1x1 map upsampled to 2x3 stays constant: five labelled pixels of class 0 at p = 3/4.
    NDArray logits = m.create(new float[] {LN3, 0}, new Shape(1, 2, 1, 1));
    NDArray labels = m.create(new long[] {0, 0, 0, 0, 0, 255}, new Shape(1, 2, 3));
    SegmentationLoss l = SegmentationLoss.of(logits, labels, 255, false, 1.0);
    assertThat(l.loss().getFloat()).isCloseTo((float) (5 * Math.log(4.0 / 3) / 6), within(1e-6f));
    assertThat(l.accuracy().getDouble()).isCloseTo(500.0 / 6, within(1e-9));
  }

  @Test
  void labelsOutsideTheClassesAreAClearError() {
    NDArray labels = m.create(new long[] {0, 7, 1, 255}, new Shape(1, 2, 2));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> SegmentationLoss.of(logits(), labels, 255, false, 1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("label value 7")
        .hasMessageContaining("[0, 2)");
  }

  @Test
  void theLossKeepsTheLogitsType() {
    SegmentationLoss l = SegmentationLoss.of(logits(), labels(), 255, false, 0.4);
    assertThat(l.loss().getDataType()).isEqualTo(logits().getDataType());
    assertThat(l.loss().getShape().dimension()).isZero();
  }

  /**
   * The banded pass with its closed-form gradient equals autograd through mmseg's composition
   * (resize, log-softmax, pick, mean over all pixels, weight), whatever the band height: one row, a
   * few rows that do not divide the height, or the whole map.
   */
  @ParameterizedTest
  @CsvSource({"1, false", "70, false", "1000000, false", "1, true", "70, true"})
  void bandsAndTheirGradientEqualAutogradThroughTheComposition(long band, boolean corners) {
    NDArray logits = m.randomNormal(0, 2, new Shape(2, 5, 3, 4), DataType.FLOAT64);
    NDArray labels = m.randomInteger(0, 5, new Shape(2, 7, 9), DataType.INT64);
    labels.set(new NDIndex("0, 2:4, 1:6"), 255);
    labels.set(new NDIndex("1, 6, :"), 255);

    double[] expectedGrad;
    float expectedLoss;
    double expectedAcc;
    NDArray x = logits.duplicate();
    x.setRequiresGradient(true);
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray resized = Resize.bilinear(x, 7, 9, corners);
      NDArray loss = SoftmaxCrossEntropy.elementwise(resized, labels, 255, null).mean().mul(0.4);
      expectedLoss = loss.toType(DataType.FLOAT32, false).getFloat();
      expectedAcc =
          resized.stopGradient().argMax(1).eq(labels).sum().getLong() * 100.0 / labels.size();
      gc.backward(loss);
    }
    expectedGrad = x.getGradient().toDoubleArray();

    NDArray input = logits.duplicate();
    input.setRequiresGradient(true);
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      // A head's logits are not a leaf of the graph (DJL's hasGradient() is false for them).
      NDArray head = input.mul(m.create(1.0));
      SegmentationLoss l = SegmentationLoss.of(head, labels, 255, corners, 0.4, band);
      assertThat(l.loss().toType(DataType.FLOAT32, false).getFloat())
          .isCloseTo(expectedLoss, within(1e-6f));
      assertThat(l.accuracy().getDouble()).isCloseTo(expectedAcc, within(1e-9));
      gc.backward(l.loss());
    }
    assertThat(input.getGradient().toDoubleArray()).containsExactly(expectedGrad, within(1e-12));
  }

  @Test
  void theGradientMatchesFiniteDifferences() {
    NDArray logits = m.randomNormal(0, 1, new Shape(1, 3, 2, 3), DataType.FLOAT64);
    NDArray labels = m.create(new long[] {0, 2, 1, 255, 1, 0, 2, 2, 255, 0}, new Shape(1, 2, 5));
    assertThat(
            GradientCheck.maxRelativeError(
                m, logits, in -> SegmentationLoss.of(in, labels, 255, false, 1.0, 5).loss(), 1e-6))
        .isLessThan(1e-7);
  }

  @Test
  void theLabelsAndLogitsAreLeftOpen() {
    NDArray logits = logits();
    NDArray labels = labels();
    SegmentationLoss.of(logits, labels, 255, false, 1.0);
    assertThat(labels.toLongArray()).containsExactly(0, 0, 1, 255);
    assertThat(logits.getShape()).isEqualTo(new Shape(1, 2, 2, 2));
  }
}
