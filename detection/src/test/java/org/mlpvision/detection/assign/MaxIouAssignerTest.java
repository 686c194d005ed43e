package org.mlpvision.detection.assign;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class MaxIouAssignerTest {
  // Closed by JUnit after the class's tests.
  @AutoClose private static final NDManager m = NDManager.newBaseManager();

  private static NDArray boxes(float... v) {
    return m.create(v).reshape(v.length / 4, 4);
  }

  @Test
  void appliesTheRulesInMmdetOrder() {
    // GT0 = [0,0,10,10], GT1 = [20,0,30,10].
    NDArray gts = boxes(0, 0, 10, 10, 20, 0, 30, 10);
    NDArray anchors =
        boxes(
            0, 0, 10, 9, // IoU 0.9 with GT0 -> positive 1
            0, 0, 10, 4, // IoU 0.4 with GT0 -> ignored
            50, 50, 60, 60, // IoU 0 -> negative
            20, 0, 30, 5, // IoU 0.5 with GT1, its best -> low-quality positive 2
            20, 5, 30, 10); // IoU 0.5 with GT1 as well -> also takes GT1 (assign all)
    NDArray labels = m.create(new long[] {3, 7});
    for (boolean host : new boolean[] {true, false}) {
      AssignResult r = MaxIouAssigner.rpn().assign(anchors, gts, labels, host);
      assertThat(r.gtInds().toLongArray()).containsExactly(1, -1, 0, 2, 2);
      assertThat(r.labels().toLongArray()).containsExactly(3, -1, -1, 7, 7);
      assertThat(r.maxOverlaps().toFloatArray()[0]).isEqualTo(0.9f);
    }
  }

  @Test
  void aLaterGroundTruthOverwritesAnEarlierLowQualityMatch() {
    // Both GTs have their best IoU (2/3) at anchor 0; GT1 wins because it comes later.
    NDArray gts = boxes(0, 0, 10, 10, 0, 5, 10, 15);
    NDArray anchors = boxes(0, 0, 10, 15, 100, 100, 110, 110);
    for (boolean host : new boolean[] {true, false}) {
      AssignResult r = MaxIouAssigner.rpn().assign(anchors, gts, null, host);
      assertThat(r.gtInds().toLongArray()).containsExactly(2, 0);
      AssignResult first =
          new MaxIouAssigner(0.7, 0.3, 0.3, true, false).assign(anchors, gts, null, host);
      assertThat(first.gtInds().toLongArray()).containsExactly(2, 0);
    }
  }

  @Test
  void cascadeStageHasNoLowQualityMatches() {
    NDArray gts = boxes(0, 0, 10, 10);
    NDArray anchors = boxes(0, 0, 10, 4, 0, 0, 10, 6);
    AssignResult r = MaxIouAssigner.cascadeStage(0.5).assign(anchors, gts, null);
    assertThat(r.gtInds().toLongArray()).containsExactly(0, 1);
  }

  @Test
  void withoutGroundTruthEverythingIsNegative() {
    AssignResult r =
        MaxIouAssigner.rpn().assign(boxes(0, 0, 1, 1, 2, 2, 3, 3), m.zeros(new Shape(0, 4)), null);
    assertThat(r.gtInds().toLongArray()).containsExactly(0, 0);
    assertThat(r.labels().toLongArray()).containsExactly(-1, -1);
  }

  @Test
  void hostAndTensorPathsAgreeOnRandomBoxes() {
    ai.djl.engine.Engine.getInstance().setRandomSeed(11);
    NDArray a = m.randomUniform(0, 200, new Shape(3000, 2));
    a = a.concat(a.add(m.randomUniform(4, 60, new Shape(3000, 2))), 1);
    NDArray g = m.randomUniform(0, 200, new Shape(20, 2));
    g = g.concat(g.add(m.randomUniform(4, 60, new Shape(20, 2))), 1);
    NDArray labels = m.arange(0, 20, 1, DataType.INT64);
    AssignResult h = MaxIouAssigner.rpn().assign(a, g, labels, true);
    AssignResult t = MaxIouAssigner.rpn().assign(a, g, labels, false);
    assertThat(h.gtInds().toLongArray()).containsExactly(t.gtInds().toLongArray());
    assertThat(h.labels().toLongArray()).containsExactly(t.labels().toLongArray());
    assertThat(h.maxOverlaps().toFloatArray()).containsExactly(t.maxOverlaps().toFloatArray());
    // The case exercises negatives (0), ignored anchors (-1) and positives (gt index + 1).
    assertThat(h.gtInds().toLongArray()).contains(0, -1);
    assertThat(java.util.Arrays.stream(h.gtInds().toLongArray()).anyMatch(v -> v >= 1)).isTrue();
  }

  @Test
  void prependingGroundTruthsMakesThemPositives() {
    AssignResult r =
        MaxIouAssigner.cascadeStage(0.5)
            .assign(
                boxes(0, 0, 10, 10), boxes(0, 0, 10, 10, 5, 5, 9, 9), m.create(new long[] {4, 5}));
    AssignResult g = r.withGtPrepended(m.create(new long[] {4, 5}));
    assertThat(g.gtInds().toLongArray()).containsExactly(1, 2, 1);
    assertThat(g.labels().toLongArray()).containsExactly(4, 5, 4);
    assertThat(g.maxOverlaps().toFloatArray()).containsExactly(1f, 1f, 1f);
  }
}
