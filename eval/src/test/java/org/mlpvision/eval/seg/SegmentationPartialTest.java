package org.mlpvision.eval.seg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Confusion counts of disjoint parts of a data set, merged, against one evaluator of all. */
class SegmentationPartialTest {
  @Test
  void mergedCountsGiveTheMetricsOfOneEvaluatorBitForBit() {
    Random rnd = new Random(11);
    try (NDManager m = NDManager.newBaseManager();
        SegmentationEvaluator whole = new SegmentationEvaluator(6, 255, true, Device.cpu());
        SegmentationEvaluator a = new SegmentationEvaluator(6, 255, true, Device.cpu());
        SegmentationEvaluator b = new SegmentationEvaluator(6, 255, true, Device.cpu());
        SegmentationEvaluator driver = new SegmentationEvaluator(6, 255, true, Device.cpu())) {
      for (int i = 0; i < 9; i++) {
        // Labels 0..8 raw (0 ignored after reduction, 7 and 8 out of range), predictions -1..6.
        int[] gt = new int[12 * 10];
        int[] pred = new int[gt.length];
        for (int p = 0; p < gt.length; p++) {
          gt[p] = rnd.nextInt(10) == 0 ? 255 : rnd.nextInt(9);
          pred[p] = rnd.nextInt(8) - 1;
        }
        whole.process(m.create(gt, new Shape(12, 10)), m.create(pred, new Shape(12, 10)));
        (i % 3 == 0 ? a : b)
            .process(
                "image " + i, m.create(gt, new Shape(12, 10)), m.create(pred, new Shape(12, 10)));
      }
      driver.merge(a.partial());
      driver.merge(b.partial());
      SegmentationMetrics expected = whole.evaluate();
      SegmentationMetrics got = driver.evaluate();
      assertThat(got.intersect()).containsExactly(expected.intersect());
      assertThat(got.union()).containsExactly(expected.union());
      assertThat(got.predArea()).containsExactly(expected.predArea());
      assertThat(got.labelArea()).containsExactly(expected.labelArea());
      assertThat(got.iou()).containsExactly(expected.iou());
      assertThat(got.mIoU()).isEqualTo(expected.mIoU());
      assertThat(got.mAcc()).isEqualTo(expected.mAcc());
      assertThat(got.aAcc()).isEqualTo(expected.aAcc());
      assertThat(driver.imageCount()).isEqualTo(9);
      assertThat(driver.droppedGroundTruth()).isEqualTo(whole.droppedGroundTruth()).isPositive();
      assertThat(driver.droppedPredictions()).isEqualTo(whole.droppedPredictions());
      assertThat(driver.droppedLabelsWarning()).get().asString().contains("first in image 0");
    }
  }

  @Test
  void countsOfOtherSettingsAreRefused() {
    try (SegmentationEvaluator driver = new SegmentationEvaluator(6, 255, true, Device.cpu());
        SegmentationEvaluator other = new SegmentationEvaluator(6, 255, false, Device.cpu())) {
      assertThatThrownBy(() -> driver.merge(other.partial()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("reduce_zero_label false");
    }
  }
}
