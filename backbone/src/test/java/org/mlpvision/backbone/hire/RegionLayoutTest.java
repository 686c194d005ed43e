package org.mlpvision.backbone.hire;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlpvision.core.ops.CircularPad;
import org.mlpvision.core.ops.Roll;
import org.mlpvision.core.testing.GradientCheck;

class RegionLayoutTest {
  @Test
  void rearrangementAndItsInverseAreTheIdentityForAllSizes() {
    try (NDManager m = NDManager.newBaseManager()) {
      int[][] cases = {
        {14, 3, 1}, {14, 3, 2}, {7, 2, 1}, {12, 4, 2}, {13, 4, 0}, {2, 3, 1}, {1, 2, 1}, {5, 4, 3}
      };
      for (int[] c : cases) {
        int n = c[0];
        int p = c[1];
        int s = c[2];
        NDArray x = m.randomNormal(new Shape(2, 3, n, n + 1));
        for (int axis : new int[] {2, 3}) {
          long len = x.getShape().get(axis);
          NDArray round =
              RegionLayout.fromRegions(RegionLayout.toRegions(x, axis, p, s), axis, p, s, len);
          assertThat(round.eq(x).all().getBoolean())
              .as("H=%d p=%d s=%d axis=%d", n, p, s, axis)
              .isTrue();
        }
      }
    }
  }

  @Test
  void gatherEqualsRollThenCircularBottomPad() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.randomNormal(new Shape(1, 2, 14, 5));
      for (int s = 0; s <= 2; s++) {
        NDArray official = CircularPad.padEnd(Roll.roll(x, s, 2), 1, 2);
        NDArray ours = x.get(":, :, {}", m.create(RegionLayout.gather(14, 3, s)));
        assertThat(ours.eq(official).all().getBoolean()).isTrue();
      }
    }
  }

  @Test
  void regionsForFourteenRowsRegionThreeStepOneMatchTheSpec() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray rows = m.arange(14f).reshape(1, 1, 14, 1);
      NDArray grouped = RegionLayout.toRegions(rows, 2, 3, 1); // (1, 3, 5, 1)
      float[] v = grouped.toFloatArray();
      List<List<Integer>> regions = new ArrayList<>();
      for (int k = 0; k < 5; k++) {
        List<Integer> members = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
          members.add((int) v[r * 5 + k]);
        }
        regions.add(members);
      }
      assertThat(regions)
          .containsExactly(
              List.of(13, 0, 1),
              List.of(2, 3, 4),
              List.of(5, 6, 7),
              List.of(8, 9, 10),
              List.of(11, 12, 13));
    }
  }

  @Test
  void regionChannelIndexIsChannelTimesRegionPlusOffset() {
    try (NDManager m = NDManager.newBaseManager()) {
      // x[c, h, w] = 1000 c + 10 h + w; no step, 6 rows, region 3.
      NDArray c = m.arange(4f).reshape(1, 4, 1, 1).mul(1000);
      NDArray h = m.arange(6f).reshape(1, 1, 6, 1).mul(10);
      NDArray w = m.arange(5f).reshape(1, 1, 1, 5);
      NDArray x = c.add(h).add(w);
      NDArray rowsGrouped = RegionLayout.toRegions(x, 2, 3, 0); // (1, 12, 2, 5)
      NDArray colsGrouped = RegionLayout.toRegions(x.transpose(0, 1, 3, 2), 3, 3, 0);
      for (int ch = 0; ch < 4; ch++) {
        for (int r = 0; r < 3; r++) {
          for (int k = 0; k < 2; k++) {
            float expected = 1000 * ch + 10 * (k * 3 + r);
            assertThat(rowsGrouped.getFloat(0, ch * 3 + r, k, 0)).isEqualTo(expected);
            assertThat(colsGrouped.getFloat(0, ch * 3 + r, 0, k)).isEqualTo(expected);
          }
        }
      }
    }
  }

  @Test
  void gradientFlowsThroughTheRearrangement() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.randomNormal(0, 1, new Shape(1, 2, 5, 4), DataType.FLOAT64);
      double err =
          GradientCheck.maxRelativeError(
              m,
              x,
              a -> RegionLayout.toRegions(a, 2, 3, 1).mul(RegionLayout.toRegions(a, 3, 3, 2).sum()),
              1e-6);
      assertThat(err).isLessThan(1e-6);
    }
  }
}
