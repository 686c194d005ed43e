package org.mlpvision.detection.assign;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RandomSamplerTest {
  private static AssignResult result(NDManager m, long[] gtInds, int numGts) {
    NDArray g = m.create(gtInds);
    return new AssignResult(numGts, g, m.zeros(g.getShape()), g.zerosLike().sub(1));
  }

  @Test
  void capsPositivesAndFillsWithNegativesSorted() {
    try (NDManager m = NDManager.newBaseManager()) {
      long[] g = new long[1000];
      for (int i = 0; i < g.length; i++) {
        g[i] = i % 5 == 0 ? 1 + (i % 3) : (i % 7 == 0 ? -1 : 0);
      }
      SamplingResult s = RandomSampler.rpn().sample(result(m, g, 3), new Random(1));
      assertThat(s.posInds()).hasSize(128);
      assertThat(s.negInds()).hasSize(128);
      assertThat(s.posInds()).isSorted();
      assertThat(s.negInds()).isSorted();
      assertThat(Arrays.stream(s.posInds()).distinct().count()).isEqualTo(128);
      for (int i = 0; i < 128; i++) {
        assertThat(g[(int) s.posInds()[i]]).isPositive();
        assertThat(s.posGtInds()[i]).isEqualTo(g[(int) s.posInds()[i]] - 1);
        assertThat(g[(int) s.negInds()[i]]).isZero();
      }
      SamplingResult again = RandomSampler.rpn().sample(result(m, g, 3), new Random(1));
      assertThat(again.posInds()).containsExactly(s.posInds());
    }
  }

  @Test
  void fewPositivesLeaveRoomForNegatives() {
    try (NDManager m = NDManager.newBaseManager()) {
      long[] g = new long[600];
      g[3] = 1;
      g[10] = 1;
      SamplingResult s = RandomSampler.rpn().sample(result(m, g, 1), new Random(2));
      assertThat(s.posInds()).containsExactly(3, 10);
      assertThat(s.negInds()).hasSize(254);
      SamplingResult bounded =
          new RandomSampler(256, 0.5, 3, false).sample(result(m, g, 1), new Random(2));
      assertThat(bounded.negInds()).hasSize(6);
    }
  }

  @Test
  void groundTruthsAddedAsProposalsComeFirstAndAreFlagged() {
    try (NDManager m = NDManager.newBaseManager()) {
      long[] g = {0, 2, 0, -1};
      SamplingResult s = RandomSampler.cascadeStage().sample(result(m, g, 2), new Random(3));
      assertThat(s.numGtPrepended()).isEqualTo(2);
      assertThat(s.posInds()).containsExactly(0, 1, 3);
      assertThat(s.posGtInds()).containsExactly(0, 1, 1);
      assertThat(s.posIsGt()).containsExactly(true, true, false);
      assertThat(s.negInds()).containsExactly(2, 4);
    }
  }
}
