package org.mlpvision.core.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.mlpvision.core.testing.GradientCheck;

class AxialShiftTest {
  @Test
  void groupSizesFollowTorchChunk() {
    assertThat(AxialShift.groupSizes(96, 5)).containsExactly(20, 20, 20, 20, 16);
    assertThat(AxialShift.groupSizes(192, 5)).containsExactly(39, 39, 39, 39, 36);
    assertThat(AxialShift.groupSizes(384, 5)).containsExactly(77, 77, 77, 77, 76);
    assertThat(AxialShift.groupSizes(768, 5)).containsExactly(154, 154, 154, 154, 152);
    assertThat(AxialShift.groupSizes(128, 5)).containsExactly(26, 26, 26, 26, 24);
    assertThat(AxialShift.groupSizes(512, 5)).containsExactly(103, 103, 103, 103, 100);
    assertThat(AxialShift.groupSizes(1024, 5)).containsExactly(205, 205, 205, 205, 204);
    assertThat(AxialShift.groupSizes(96, 3)).containsExactly(32, 32, 32);
    assertThat(AxialShift.groupSizes(16, 5)).containsExactly(4, 4, 4, 4);
    assertThat(AxialShift.groupSizes(32, 5)).containsExactly(7, 7, 7, 7, 4);
    assertThat(AxialShift.groupSizes(6, 5)).containsExactly(2, 2, 2);
  }

  @Test
  void columnOfOneToSevenMatchesTheSpecExample() {
    try (NDManager m = NDManager.newBaseManager()) {
      // 5 channels, each the column 1..7: one channel per group.
      NDArray col = m.arange(1f, 8f).reshape(1, 1, 7, 1).repeat(1, 5);
      float[] y = AxialShift.shift(col, 5, 2).toFloatArray();
      float[][] expected = {
        {3, 4, 5, 6, 7, 0, 0},
        {2, 3, 4, 5, 6, 7, 0},
        {1, 2, 3, 4, 5, 6, 7},
        {0, 1, 2, 3, 4, 5, 6},
        {0, 0, 1, 2, 3, 4, 5}
      };
      for (int c = 0; c < 5; c++) {
        for (int h = 0; h < 7; h++) {
          assertThat(y[c * 7 + h]).as("group %d row %d", c, h).isEqualTo(expected[c][h]);
        }
      }
    }
  }

  @Test
  void equalsZeroPadRollCropFormulation() {
    try (NDManager m = NDManager.newBaseManager()) {
      for (long c : new long[] {10, 13, 6, 3}) {
        for (int s : new int[] {3, 5}) {
          NDArray x = m.randomNormal(new Shape(2, c, 6, 7));
          for (int axis : new int[] {2, 3}) {
            NDArray expected = reference(x, s, axis);
            assertThat(AxialShift.shift(x, s, axis).eq(expected).all().getBoolean())
                .as("C=%d s=%d axis=%d", c, s, axis)
                .isTrue();
          }
        }
      }
    }
  }

  @Test
  void shiftAlongHeightNeverMixesColumnsAndMiddleGroupIsUnchanged() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.randomNormal(new Shape(1, 5, 6, 4)).add(10); // no zeros in the input
      NDArray y = AxialShift.shift(x, 5, 2);
      assertThat(y.get(":, 2").eq(x.get(":, 2")).all().getBoolean()).isTrue();
      // Group k (offset k-2) has exactly |k-2| zero rows, at the top for positive offsets.
      for (int k = 0; k < 5; k++) {
        int d = k - 2;
        NDArray g = y.get(":, " + k);
        long zeros = g.eq(0).sum().getLong();
        assertThat(zeros).isEqualTo(Math.abs(d) * 4L);
        if (d > 0) {
          assertThat(g.get(":, 0:" + d).eq(0).all().getBoolean()).isTrue();
        } else if (d < 0) {
          assertThat(g.get(":, " + (6 + d) + ":").eq(0).all().getBoolean()).isTrue();
        }
        // Each column holds only values from the same column of the input.
        for (int w = 0; w < 4; w++) {
          NDArray kept = g.get(":, :, " + w);
          NDArray src = x.get(":, " + k + ", :, " + w);
          for (float v : kept.toFloatArray()) {
            if (v != 0) {
              assertThat(src.eq(v).any().getBoolean()).isTrue();
            }
          }
        }
      }
    }
  }

  @Test
  void gradientFlowsThroughBothAxes() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.randomNormal(0, 1, new Shape(1, 6, 4, 3), DataType.FLOAT64);
      assertThat(
              GradientCheck.maxRelativeError(
                  m, x, a -> AxialShift.shift(a, 5, 2).add(AxialShift.shift(a, 3, 3)), 1e-6))
          .isLessThan(1e-6);
    }
  }

  /** Zero-pad, roll chunk k by k - pad, crop the centre: the spec's equivalent formulation. */
  private static NDArray reference(NDArray x, int s, int axis) {
    int pad = s / 2;
    long n = x.getShape().get(axis);
    long[] spec = axis == 2 ? new long[] {0, 0, pad, pad} : new long[] {pad, pad, 0, 0};
    NDArray padded = x.pad(new Shape(spec), 0);
    int[] sizes = AxialShift.groupSizes(x.getShape().get(1), s);
    NDList parts = new NDList();
    long c0 = 0;
    for (int k = 0; k < sizes.length; k++) {
      NDArray chunk = padded.get(":, " + c0 + ":" + (c0 + sizes[k]));
      parts.add(Roll.roll(chunk, k - pad, axis));
      c0 += sizes[k];
    }
    NDArray rolled = NDArrays.concat(parts, 1);
    return axis == 2
        ? rolled.get(":, :, " + pad + ":" + (pad + n))
        : rolled.get(":, :, :, " + pad + ":" + (pad + n));
  }
}
