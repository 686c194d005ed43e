package org.mlpvision.detection.box;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class BoxesTest {
  // Closed by JUnit after the class's tests.
  @AutoClose private static final NDManager m = NDManager.newBaseManager();

  private static NDArray boxes(float... v) {
    return m.create(v).reshape(v.length / 4, 4);
  }

  @Test
  void areaHasNoPlusOne() {
    assertThat(Boxes.area(boxes(0, 0, 10, 10, 1, 2, 4, 8)).toFloatArray())
        .containsExactly(100f, 18f);
  }

  @Test
  void pairwiseIouMatchesHandComputedValues() {
    NDArray a = boxes(0, 0, 10, 10, 0, 0, 5, 5);
    NDArray b = boxes(5, 5, 15, 15, 0, 0, 10, 10, 20, 20, 30, 30);
    float[] iou = Boxes.iou(a, b).toFloatArray();
    assertThat(iou).containsExactly(new float[] {25f / 175f, 1f, 0f, 0f, 0.25f, 0f}, within(1e-6f));
    assertThat(Boxes.iou(a, b).getShape()).isEqualTo(new Shape(2, 3));
  }

  @Test
  void giouOfTheSpecExample() {
    NDArray p = boxes(0, 0, 10, 10);
    NDArray t = boxes(5, 5, 15, 15);
    assertThat(Boxes.alignedIou(p, t).getFloat(0)).isCloseTo(0.142857f, within(1e-6f));
    assertThat(Boxes.alignedGiou(p, t).getFloat(0)).isCloseTo(-0.079365f, within(1e-6f));
    assertThat(Boxes.giou(p, t).getFloat(0, 0)).isCloseTo(-0.079365f, within(1e-6f));
  }

  @Test
  void formatConversionsRoundTrip() {
    NDArray b = boxes(1, 2, 5, 10, -3, 0, 7, 4);
    assertThat(Boxes.xyxyToXywh(b).toFloatArray()).containsExactly(1, 2, 4, 8, -3, 0, 10, 4);
    assertThat(Boxes.xyxyToCxcywh(b).toFloatArray()).containsExactly(3, 6, 4, 8, 2, 2, 10, 4);
    assertThat(Boxes.xywhToXyxy(Boxes.xyxyToXywh(b)).toFloatArray())
        .containsExactly(b.toFloatArray());
    assertThat(Boxes.cxcywhToXyxy(Boxes.xyxyToCxcywh(b)).toFloatArray())
        .containsExactly(b.toFloatArray());
  }

  @Test
  void clipBoundsAreWidthAndHeight() {
    NDArray c = Boxes.clip(boxes(-5, -1, 130, 70, 3, 4, 5, 6), 60, 120);
    assertThat(c.toFloatArray()).containsExactly(0, 0, 120, 60, 3, 4, 5, 6);
  }

  @Test
  void badShapesAreNamed() {
    assertThatThrownBy(() -> Boxes.iou(m.zeros(new Shape(3, 5)), boxes(0, 0, 1, 1)))
        .hasMessageContaining("a must have shape (N, 4)")
        .hasMessageContaining("(3, 5)");
    assertThatThrownBy(() -> Boxes.alignedIou(boxes(0, 0, 1, 1), m.zeros(new Shape(2, 4))))
        .hasMessageContaining("equal counts");
  }
}
