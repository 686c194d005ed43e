package org.mlpvision.detection.nms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.mlpvision.datasets.structures.Detections;

class MulticlassNmsTest {
  @Test
  void keepsStrictlyAboveThresholdPerClassSortedAndCapped() {
    try (NDManager m = NDManager.newBaseManager()) {
      // Two classes + background; boxes class-specific (N, 8).
      NDArray boxes =
          m.create(
                  new float[] {
                    0, 0, 10, 10, 50, 50, 60, 60, //
                    1, 0, 11, 10, 50, 50, 60, 61, //
                    30, 30, 40, 40, 0, 0, 5, 5
                  })
              .reshape(3, 8);
      NDArray scores =
          m.create(new float[] {0.9f, 0.6f, 0.99f, 0.8f, 0.05f, 0.1f, 0.3f, 0.051f, 0.9f})
              .reshape(3, 3);
      Detections d = new MulticlassNms(0.05, 0.5, -1).apply(boxes, scores);
      // Class 0: 0.9 (row 0) suppresses 0.8 (row 1); 0.3 (row 2) overlaps nothing. Class 1: 0.05
      // (row 1) is no candidate (not > 0.05 in float32); 0.6 and 0.051 overlap nothing.
      assertThat(d.scores().toFloatArray()).containsExactly(0.9f, 0.6f, 0.3f, 0.051f);
      assertThat(d.labels().toLongArray()).containsExactly(0, 1, 0, 1);
      assertThat(d.boxes().toFloatArray())
          .containsExactly(0, 0, 10, 10, 50, 50, 60, 60, 30, 30, 40, 40, 0, 0, 5, 5);
      Detections capped = new MulticlassNms(0.05, 0.5, 2).apply(boxes, scores);
      assertThat(capped.size()).isEqualTo(2);
      assertThat(capped.scores().toFloatArray()).containsExactly(0.9f, 0.6f);
    }
  }

  @Test
  void classAgnosticBoxesAreSharedAcrossClasses() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray boxes = m.create(new float[] {0, 0, 10, 10}).reshape(1, 4);
      NDArray scores = m.create(new float[] {0.7f, 0.2f, 0.1f}).reshape(1, 3);
      Detections d = MulticlassNms.cascadeTest().apply(boxes, scores);
      assertThat(d.labels().toLongArray()).containsExactly(0, 1);
      assertThat(d.boxes().getShape()).isEqualTo(new Shape(2, 4));
    }
  }

  @Test
  void rejectsMismatchedShapes() {
    try (NDManager m = NDManager.newBaseManager()) {
      assertThatThrownBy(
              () ->
                  MulticlassNms.cascadeTest()
                      .apply(m.zeros(new Shape(2, 5)), m.zeros(new Shape(2, 3))))
          .hasMessageContaining("boxes must have shape (2, 4) or (2, 8), got (2, 5)");
    }
  }
}
