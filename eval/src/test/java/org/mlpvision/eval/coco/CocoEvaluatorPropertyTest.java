package org.mlpvision.eval.coco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fast evaluator against the plain reference over hundreds of random small cases. */
class CocoEvaluatorPropertyTest {
  private static void compare(long seed, IouType type, int threads) {
    RandomCocoCase c = new RandomCocoCase(seed, type);
    ReferenceCocoEval ref =
        new ReferenceCocoEval(c.imageIds, c.categoryIds, c.gts, c.dts, type, c.maxDets);
    CocoParams p = new CocoParams(type, c.maxDets, threads);
    try (CocoEvaluator ev = new CocoEvaluator(c.groundTruth(), p, Device.cpu())) {
      for (Map.Entry<Long, List<Detection>> e : c.detectionsByImage().entrySet()) {
        ev.add(e.getKey(), e.getValue());
      }
      CocoSummary s = ev.evaluate();
      double[] got = s.stats();
      for (int i = 0; i < 12; i++) {
        assertThat(got[i])
            .as(
                "seed %d %s stat %d: fast %s vs reference %s",
                seed, type, i, Arrays.toString(got), Arrays.toString(ref.stats))
            .isCloseTo(ref.stats[i], within(1e-12));
      }
      int nk = c.categoryIds.length;
      int nm = c.maxDets.length;
      for (int t = 0; t < 10; t++) {
        for (int k = 0; k < nk; k++) {
          for (int a = 0; a < 4; a++) {
            for (int m = 0; m < nm; m++) {
              assertThat(s.recall(t, k, a, m))
                  .as("seed %d recall t%d k%d a%d m%d", seed, t, k, a, m)
                  .isEqualTo(ref.recall[((t * nk + k) * 4 + a) * nm + m]);
              for (int r = 0; r < 101; r += 5) {
                assertThat(s.precision(t, r, k, a, m))
                    .as("seed %d precision t%d r%d k%d a%d m%d", seed, t, r, k, a, m)
                    .isEqualTo(ref.precision[(((t * 101 + r) * nk + k) * 4 + a) * nm + m]);
              }
            }
          }
        }
      }
    }
  }

  @Test
  void streamingManyImagesInAnyOrderAcrossBatchesAgreesWithTheReference() {
    // More images than one evaluation batch (512), added in shuffled order.
    RandomCocoCase c = new RandomCocoCase(77, IouType.BBOX, 1300);
    ReferenceCocoEval ref =
        new ReferenceCocoEval(c.imageIds, c.categoryIds, c.gts, c.dts, IouType.BBOX, c.maxDets);
    List<Map.Entry<Long, List<Detection>>> entries =
        new java.util.ArrayList<>(c.detectionsByImage().entrySet());
    java.util.Collections.shuffle(entries, new java.util.Random(5));
    try (CocoEvaluator ev =
        new CocoEvaluator(
            c.groundTruth(), new CocoParams(IouType.BBOX, c.maxDets, 2), Device.cpu())) {
      for (Map.Entry<Long, List<Detection>> e : entries) {
        ev.add(e.getKey(), e.getValue());
      }
      double[] got = ev.evaluate().stats();
      for (int i = 0; i < 12; i++) {
        assertThat(got[i]).as("stat %d", i).isCloseTo(ref.stats[i], within(1e-12));
      }
      assertThat(got[0]).isGreaterThan(0);
    }
  }

  @Test
  void boxEvaluationAgreesWithTheReferenceOnRandomCases() {
    for (long seed = 0; seed < 400; seed++) {
      compare(seed, IouType.BBOX, 1 + (int) (seed % 3));
    }
  }

  @Test
  void maskEvaluationAgreesWithTheReferenceOnRandomCases() {
    for (long seed = 1000; seed < 1150; seed++) {
      compare(seed, IouType.SEGM, 2);
    }
  }
}
