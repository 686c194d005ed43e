package org.mlpvision.eval.coco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import java.util.List;
import org.junit.jupiter.api.Test;

class CocoEvaluatorTest {
  private static GroundTruthObject box(long id, long img, double[] b, boolean crowd) {
    return new GroundTruthObject(id, img, 1, b, b[2] * b[3], crowd, null);
  }

  private static GroundTruthSet workedExampleGt() {
    return GroundTruthSet.builder()
        .addImage(1, 100, 100)
        .addImage(2, 100, 100)
        .addCategory(1)
        .addObject(box(1, 1, new double[] {0, 0, 10, 10}, false))
        .addObject(box(2, 1, new double[] {20, 20, 10, 10}, true))
        .addObject(box(3, 2, new double[] {0, 0, 20, 20}, false))
        .build();
  }

  /** The detections of the heads.md 10.1 worked example, evaluated against its ground truth. */
  private static CocoSummary evaluateWorkedExample() {
    try (CocoEvaluator ev =
        new CocoEvaluator(workedExampleGt(), CocoParams.defaults(IouType.BBOX), Device.cpu())) {
      ev.add(
          1,
          List.of(
              Detection.box(1, new double[] {0, 0, 10, 10}, .9),
              Detection.box(1, new double[] {1, 0, 10, 10}, .8),
              Detection.box(1, new double[] {20, 20, 5, 10}, .7),
              Detection.box(1, new double[] {50, 50, 10, 10}, .6)));
      ev.add(2, List.of(Detection.box(1, new double[] {0, 0, 20, 17}, .95)));
      return ev.evaluate();
    }
  }

  /** heads.md 10.1 worked example, verified there with the real cocoeval.py. */
  @Test
  void workedExampleGivesTheSpecStats() {
    double[] s = evaluateWorkedExample().stats();
    double ap = (8 * 1.0 + 2 * 25.5 / 101) / 10;
    assertThat(s[0]).isCloseTo(ap, within(1e-15));
    assertThat(s[0]).isCloseTo(0.850495, within(1e-6));
    assertThat(s[1]).isEqualTo(1.0);
    assertThat(s[2]).isEqualTo(1.0);
    assertThat(s[3]).isCloseTo(ap, within(1e-15));
    assertThat(s[4]).isEqualTo(-1);
    assertThat(s[5]).isEqualTo(-1);
    assertThat(s[6]).isCloseTo(0.9, within(1e-15));
    assertThat(s[7]).isCloseTo(0.9, within(1e-15));
    assertThat(s[8]).isCloseTo(0.9, within(1e-15));
    assertThat(s[9]).isCloseTo(0.9, within(1e-15));
    assertThat(s[10]).isEqualTo(-1);
    assertThat(s[11]).isEqualTo(-1);
  }

  @Test
  void precisionEnvelopeAtHighThresholdMatchesTheSpec() {
    CocoSummary s = evaluateWorkedExample();
    // t = 0.9: recall thresholds 0..0.50 get precision 0.5, the rest 0
    assertThat(s.precision(8, 0, 0, 0, 2)).isEqualTo(0.5);
    assertThat(s.precision(8, 50, 0, 0, 2)).isEqualTo(0.5);
    assertThat(s.precision(8, 51, 0, 0, 2)).isEqualTo(0.0);
    assertThat(s.recall(8, 0, 0, 2)).isEqualTo(0.5);
    assertThat(s.recall(0, 0, 0, 2)).isEqualTo(1.0);
    assertThat(s.perCategoryAp()).containsOnlyKeys(1);
  }

  @Test
  void summaryLinesFollowPycocotoolsLayout() {
    try (CocoEvaluator ev =
        new CocoEvaluator(workedExampleGt(), CocoParams.defaults(IouType.BBOX), Device.cpu())) {
      ev.add(2, List.of(Detection.box(1, new double[] {0, 0, 20, 17}, .95)));
      CocoSummary s = ev.evaluate();
      List<String> lines = s.lines();
      assertThat(lines).hasSize(12);
      assertThat(lines.get(0))
          .startsWith(" Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = ");
      assertThat(lines.get(1))
          .startsWith(" Average Precision  (AP) @[ IoU=0.50      | area=   all | maxDets=100 ] = ");
      assertThat(lines.get(6))
          .startsWith(" Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=  1 ] = ");
      assertThat(lines.get(4)).endsWith("= -1.000");
      assertThat(s.toMap())
          .containsOnlyKeys(
              "AP", "AP50", "AP75", "APs", "APm", "APl", "AR1", "AR10", "AR100", "ARs", "ARm",
              "ARl");
    }
  }

  @Test
  void mmdetLimitsRenameTheRecallKeys() {
    CocoParams p = CocoParams.defaults(IouType.BBOX).withMaxDets(1000, 100, 300);
    assertThat(p.maxDets()).containsExactly(100, 300, 1000);
    try (CocoEvaluator ev = new CocoEvaluator(workedExampleGt(), p, Device.cpu())) {
      ev.add(2, List.of(Detection.box(1, new double[] {0, 0, 20, 17}, .95)));
      assertThat(ev.evaluate().toMap()).containsKeys("AR100", "AR300", "AR1000");
    }
  }

  @Test
  void aMatchToARegularGroundTruthIsNotStolenByABetterCrowd() {
    // The crowd encloses the detection (crowd IoU 1) but the scan stops at the first ignored
    // ground truth once a regular one matched, so the detection is a true positive.
    GroundTruthSet gt =
        GroundTruthSet.builder()
            .addImage(1, 100, 100)
            .addCategory(1)
            .addObject(box(1, 1, new double[] {10, 10, 20, 20}, false))
            .addObject(box(2, 1, new double[] {8, 8, 24, 24}, true))
            .build();
    try (CocoEvaluator ev =
        new CocoEvaluator(gt, CocoParams.defaults(IouType.BBOX), Device.cpu())) {
      ev.add(1, List.of(Detection.box(1, new double[] {11, 10, 20, 20}, .9)));
      CocoSummary s = ev.evaluate();
      assertThat(s.recall(0, 0, 0, 2)).isEqualTo(1.0);
      assertThat(s.stats()[1]).isCloseTo(1.0, within(1e-15)); // 1/(1+eps)
    }
  }

  @Test
  void imagesWithoutAnyDetectionCountTheirGroundTruthAsMissed() {
    try (CocoEvaluator ev =
        new CocoEvaluator(workedExampleGt(), CocoParams.defaults(IouType.BBOX), Device.cpu())) {
      ev.add(2, List.of(Detection.box(1, new double[] {0, 0, 20, 20}, .5)));
      double[] s = ev.evaluate().stats();
      assertThat(s[8]).isEqualTo(0.5); // B found, A (image 1) missed; the crowd does not count
    }
  }

  @Test
  void badDetectionsAreErrorsNamingImageAndEntry() {
    try (CocoEvaluator ev =
        new CocoEvaluator(workedExampleGt(), CocoParams.defaults(IouType.BBOX), Device.cpu())) {
      assertThatThrownBy(() -> ev.add(9, List.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("image id 9");
      assertThatThrownBy(
              () -> ev.add(1, List.of(Detection.box(1, new double[] {0, 0, 1, 1}, Double.NaN))))
          .hasMessageContaining("detection 0")
          .hasMessageContaining("score");
      assertThatThrownBy(() -> ev.add(1, List.of(Detection.box(1, new double[] {0, 0, -1, 1}, 1))))
          .hasMessageContaining("negative width");
      assertThatThrownBy(() -> ev.add(1, List.of(Detection.box(1, new double[] {0, 0, 1}, 1))))
          .isInstanceOf(RuntimeException.class);
      ev.add(1, List.of());
      assertThatThrownBy(() -> ev.add(1, List.of())).hasMessageContaining("already added");
    }
  }

  @Test
  void detectionsOfCategoriesOutsideTheGroundTruthAreIgnoredAndCounted() {
    try (CocoEvaluator ev =
        new CocoEvaluator(workedExampleGt(), CocoParams.defaults(IouType.BBOX), Device.cpu())) {
      ev.add(
          1,
          List.of(
              Detection.box(7, new double[] {50, 50, 10, 10}, .99),
              Detection.box(1, new double[] {0, 0, 10, 10}, .9),
              Detection.box(1, new double[] {1, 0, 10, 10}, .8),
              Detection.box(1, new double[] {20, 20, 5, 10}, .7),
              Detection.box(1, new double[] {50, 50, 10, 10}, .6)));
      ev.add(
          2,
          List.of(
              Detection.box(1, new double[] {0, 0, 20, 17}, .95),
              Detection.box(3, new double[] {0, 0, 20, 20}, .5)));
      assertThat(ev.evaluate().stats()).containsExactly(evaluateWorkedExample().stats());
      assertThat(ev.ignoredDetections()).isEqualTo(2);
    }
  }

  @Test
  void anyFiniteScoreCountsOnlyThroughItsOrder() {
    // Logit-style scores: an increasing map of every score (ties stay ties) changes nothing.
    for (long seed = 0; seed < 40; seed++) {
      RandomCocoCase c = new RandomCocoCase(seed, IouType.BBOX);
      CocoParams p = new CocoParams(IouType.BBOX, c.maxDets, 2);
      CocoSummary plain = evaluate(c, p, 1, 0);
      CocoSummary logits = evaluate(c, p, 7, -100);
      assertThat(logits.stats()).containsExactly(plain.stats());
      for (int r = 0; r < 101; r++) {
        assertThat(logits.precision(0, r, 0, 0, 2)).isEqualTo(plain.precision(0, r, 0, 0, 2));
      }
    }
  }

  private static CocoSummary evaluate(RandomCocoCase c, CocoParams p, double scale, double shift) {
    try (CocoEvaluator ev = new CocoEvaluator(c.groundTruth(), p, Device.cpu())) {
      c.detectionsByImage()
          .forEach(
              (image, dets) ->
                  ev.add(
                      image,
                      dets.stream()
                          .map(
                              d ->
                                  new Detection(
                                      d.categoryId(),
                                      d.bbox(),
                                      d.score() * scale + shift,
                                      d.mask(),
                                      d.area()))
                          .toList()));
      return ev.evaluate();
    }
  }

  @Test
  void paramsRejectFewerThanThreeOrRepeatedLimits() {
    assertThatThrownBy(() -> CocoParams.defaults(IouType.BBOX).withMaxDets(1, 10))
        .hasMessageContaining("three");
    assertThatThrownBy(() -> CocoParams.defaults(IouType.BBOX).withMaxDets(1, 10, 10))
        .hasMessageContaining("twice");
  }

  @Test
  void thresholdsEqualNumpyLinspaceBitForBit() {
    // values printed by numpy 2.4: np.linspace(.5, .95, 10).tolist()
    assertThat(CocoParams.IOU_THRESHOLDS)
        .containsExactly(0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.8999999999999999, 0.95);
    // np.linspace(0, 1, 101)[[7, 57]].tolist()
    assertThat(CocoParams.RECALL_THRESHOLDS[7]).isEqualTo(0.07);
    assertThat(CocoParams.RECALL_THRESHOLDS[57]).isEqualTo(0.5700000000000001);
    assertThat(CocoParams.RECALL_THRESHOLDS[100]).isEqualTo(1.0);
  }
}
