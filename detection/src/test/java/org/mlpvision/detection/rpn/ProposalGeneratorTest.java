package org.mlpvision.detection.rpn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProposalGeneratorTest {
  private static float logit(double p) {
    return (float) Math.log(p / (1 - p));
  }

  @Test
  void topKPerLevelDecodeClipNmsPerLevelAndCap() {
    try (NDManager m = NDManager.newBaseManager()) {
      // Level 0: three anchors; the two best overlap heavily, the third is dropped by nmsPre=2.
      NDArray a0 = m.create(new float[] {0, 0, 10, 10, 1, 0, 11, 10, 50, 50, 60, 60}).reshape(3, 4);
      NDArray s0 = m.create(new float[] {logit(0.9), logit(0.8), logit(0.3)});
      // Level 1: the same box as level 0's best, and one running off the image.
      NDArray a1 = m.create(new float[] {0, 0, 10, 10, 90, 90, 120, 120}).reshape(2, 4);
      NDArray s1 = m.create(new float[] {logit(0.85), logit(0.7)});
      List<NDArray> zeros = List.of(m.zeros(new Shape(3, 4)), m.zeros(new Shape(2, 4)));
      NDArray p =
          new ProposalGenerator(2, 0.7, 10, 0)
              .apply(List.of(s0, s1), zeros, List.of(a0, a1), new long[] {100, 100});
      // Level 0 keeps 0.9 (0.8 suppressed, IoU 0.82); level 1 keeps both: levels never interact.
      assertThat(p.getShape()).isEqualTo(new Shape(3, 5));
      assertThat(p.toFloatArray())
          .containsExactly(
              new float[] {0, 0, 10, 10, 0.9f, 0, 0, 10, 10, 0.85f, 90, 90, 100, 100, 0.7f},
              within(1e-5f));
      NDArray capped =
          new ProposalGenerator(2, 0.7, 2, 0)
              .apply(List.of(s0, s1), zeros, List.of(a0, a1), new long[] {100, 100});
      assertThat(capped.getShape()).isEqualTo(new Shape(2, 5));
      NDArray sized =
          new ProposalGenerator(2, 0.7, 10, 10.5)
              .apply(List.of(s0, s1), zeros, List.of(a0, a1), new long[] {100, 100});
      assertThat(sized.getShape()).isEqualTo(new Shape(0, 5));
    }
  }

  @Test
  void rejectsMismatchedLevels() {
    try (NDManager m = NDManager.newBaseManager()) {
      assertThatThrownBy(
              () ->
                  ProposalGenerator.test()
                      .apply(
                          List.of(m.zeros(new Shape(3))),
                          List.of(m.zeros(new Shape(2, 4))),
                          List.of(m.zeros(new Shape(3, 4))),
                          new long[] {10, 10}))
          .hasMessageContaining("level 0")
          .hasMessageContaining("same length");
    }
  }
}
