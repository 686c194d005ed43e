package org.mlpvision.detection.rpn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RpnTargetsTest {
  @Test
  void onlyInsideValidAnchorsAreSampledAndPositivesGetDeltas() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray anchors =
          m.create(
                  new float[] {
                    0, 0, 10, 9, // IoU 0.9 with the GT: positive
                    40, 40, 50, 50, // IoU 0: negative
                    -2, 0, 8, 10, // crosses the left border: excluded
                    0, 0, 10, 10, // would be the best match, but marked invalid
                    30, 0, 40, 10 // IoU 0: negative
                  })
              .reshape(5, 4);
      NDArray valid = m.create(new boolean[] {true, true, true, false, true});
      NDArray gt = m.create(new float[] {0, 0, 10, 10}).reshape(1, 4);
      AnchorTargets t =
          RpnTargets.cascade().compute(anchors, valid, gt, new long[] {60, 60}, new Random(0));
      assertThat(t.labels().toLongArray()).containsExactly(0, 1, 1, 1, 1);
      assertThat(t.labelWeights().toFloatArray()).containsExactly(1, 1, 0, 0, 1);
      assertThat(t.numPos()).isEqualTo(1);
      assertThat(t.numNeg()).isEqualTo(2);
      float[] d = t.bboxTargets().toFloatArray();
      // Anchor (5, 4.5, 10, 9) against GT (5, 5, 10, 10): dy = 0.5/9, dh = ln(10/9).
      assertThat(d[0]).isZero();
      assertThat(d[1]).isCloseTo(0.5f / 9, within(1e-6f));
      assertThat(d[2]).isZero();
      assertThat(d[3]).isCloseTo((float) Math.log(10.0 / 9), within(1e-6f));
      for (int i = 4; i < d.length; i++) {
        assertThat(d[i]).isZero();
      }
      assertThat(t.bboxWeights().toFloatArray())
          .containsExactly(1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
      assertThat(RpnTargets.avgFactor(t, t)).isEqualTo(6.0);
    }
  }
}
