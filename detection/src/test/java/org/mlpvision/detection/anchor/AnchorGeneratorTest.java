package org.mlpvision.detection.anchor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.mlpvision.detection.testing.Pyramids;

class AnchorGeneratorTest {
  // Closed by JUnit after the class's tests.
  @AutoClose private static final NDManager m = NDManager.newBaseManager();
  private static final AnchorGenerator GEN = AnchorGenerator.mmdetRpn(Pyramids.rpnLevels());
  private static final float[] STRIDE4 = {
    -22.6274f, -11.3137f, 22.6274f, 11.3137f,
    -16f, -16f, 16f, 16f,
    -11.3137f, -22.6274f, 11.3137f, 22.6274f
  };

  @Test
  void baseAnchorsOfStrideFourAreRatioMajor() {
    assertThat(GEN.baseAnchors(m, 0).toFloatArray()).containsExactly(STRIDE4, within(1e-4f));
    float[] l4 = GEN.baseAnchors(m, 4).toFloatArray();
    assertThat(l4[6] - l4[4]).isCloseTo(512f, within(1e-3f));
  }

  @Test
  void gridRowsRunOverYThenXThenAnchorWithoutHalfStrideOffset() {
    NDArray a = GEN.gridAnchors(m, 0, 2, 3, m.getDevice());
    assertThat(a.getShape()).isEqualTo(new Shape(2 * 3 * 3, 4));
    float[] v = a.toFloatArray();
    // Cell (x=1, y=0) is rows 3..5: the base anchors shifted by (+4, 0).
    for (int i = 0; i < 12; i++) {
      assertThat(v[12 + i]).isCloseTo(STRIDE4[i] + (i % 2 == 0 ? 4 : 0), within(1e-4f));
    }
    // Cell (x=0, y=1) is rows 9..11: shifted by (0, +4).
    for (int i = 0; i < 12; i++) {
      assertThat(v[36 + i]).isCloseTo(STRIDE4[i] + (i % 2 == 1 ? 4 : 0), within(1e-4f));
    }
  }

  @Test
  void validFlagsExcludeCellsThatExistOnlyForBatchPadding() {
    // Stride 16: pad width 40 -> ceil(40/16) = 3 valid columns of 4; pad height 16 -> 1 valid row.
    boolean[] v = GEN.validFlags(m, 2, 2, 4, 16, 40, m.getDevice()).toBooleanArray();
    assertThat(v).hasSize(2 * 4 * 3);
    for (int y = 0; y < 2; y++) {
      for (int x = 0; x < 4; x++) {
        for (int a = 0; a < 3; a++) {
          assertThat(v[(y * 4 + x) * 3 + a]).isEqualTo(y < 1 && x < 3);
        }
      }
    }
  }

  @Test
  void insideFlagsAreStrictOnTheFarSide() {
    NDArray anchors =
        m.create(new float[] {0, 0, 10, 10, -1, 0, 5, 5, 0, 0, 20, 10, 2, 2, 19.9f, 9.9f})
            .reshape(4, 4);
    NDArray valid = m.create(new boolean[] {true, true, true, false});
    boolean[] in = AnchorGenerator.insideFlags(anchors, valid, 10, 20, 0).toBooleanArray();
    assertThat(in).containsExactly(false, false, false, false);
    boolean[] in2 = AnchorGenerator.insideFlags(anchors, valid, 11, 21, 0).toBooleanArray();
    assertThat(in2).containsExactly(true, false, true, false);
  }

  @Test
  void rejectsBadLevelsAndSizes() {
    assertThatThrownBy(() -> GEN.gridAnchors(m, 5, 2, 2, m.getDevice()))
        .hasMessageContaining("[0,5), got 5");
    assertThatThrownBy(() -> GEN.gridAnchors(m, 0, 0, 2, m.getDevice()))
        .hasMessageContaining("0x2");
    assertThatThrownBy(() -> new AnchorGenerator(new int[] {4}, new float[] {0}, new float[] {8}))
        .hasMessageContaining("ratios");
  }
}
