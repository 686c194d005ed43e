package org.mlpvision.segmentation.heads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

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
}
