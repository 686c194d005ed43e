package org.mlpvision.segmentation.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class SlideInferenceTest {
  @AutoClose private final NDManager m = NDManager.newBaseManager();

  @Test
  void overlappingWindowsAreAveragedByTheirCoverCount() {
    // 1x5 image, windows [0,3) and [2,5): window k predicts the constant k + 1 for both classes.
    List<Window> windows = List.of(new Window(0, 1, 0, 3), new Window(0, 1, 2, 5));
    NDArray out =
        SlideInference.stitch(
            windows,
            1,
            5,
            (w, scope) ->
                scope.full(new Shape(1, 2, w.height(), w.width()), windows.indexOf(w) + 1f),
            m);
    assertThat(out.getShape()).isEqualTo(new Shape(1, 2, 1, 5));
    assertThat(out.get(0, 0).toFloatArray()).containsExactly(1f, 1f, 1.5f, 2f, 2f);
  }

  @Test
  void windowTemporariesAreFreedWithTheirScope() {
    List<Window> windows = Window.grid(8, 8, 4, 4, 2, 2);
    NDArray[] seen = new NDArray[1];
    SlideInference.stitch(
        windows,
        8,
        8,
        (w, scope) -> {
          seen[0] = scope.ones(new Shape(1, 1, 4, 4));
          return seen[0];
        },
        m);
    assertThat(seen[0].isReleased()).isTrue();
  }

  @Test
  void uncoveredPixelsAndWindowsOutsideTheImageAreErrors() {
    assertThatThrownBy(
            () ->
                SlideInference.stitch(
                    List.of(new Window(0, 2, 0, 2)),
                    2,
                    3,
                    (w, scope) -> scope.zeros(new Shape(1, 1, 2, 2)),
                    m))
        .hasMessageContaining("uncovered");
    assertThatThrownBy(
            () ->
                SlideInference.stitch(
                    List.of(new Window(0, 2, 0, 4)),
                    2,
                    3,
                    (w, scope) -> scope.zeros(new Shape(1, 1, 2, 4)),
                    m))
        .hasMessageContaining("not inside");
  }
}
