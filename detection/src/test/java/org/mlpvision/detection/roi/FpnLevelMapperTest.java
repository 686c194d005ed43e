package org.mlpvision.detection.roi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlpvision.detection.testing.Pyramids;

class FpnLevelMapperTest {
  @Test
  void mapsTheSpecSidesToLevels() {
    FpnLevelMapper m = FpnLevelMapper.mmdet(4);
    int[] sides = {32, 111, 112, 223, 224, 447, 448, 1000};
    int[] expected = {0, 0, 1, 1, 2, 2, 3, 3};
    for (int i = 0; i < sides.length; i++) {
      assertThat(m.level(0, 0, sides[i], sides[i])).as("side %d", sides[i]).isEqualTo(expected[i]);
    }
    assertThat(m.level(5, 5, 5, 5)).isZero();
  }

  @Test
  void extractorPoolsEachRoiFromItsLevelInRoiOrder() {
    try (NDManager m = NDManager.newBaseManager()) {
      List<NDArray> fpn =
          List.of(
              m.randomNormal(0, 1, new Shape(2, 3, 64, 64), DataType.FLOAT64),
              m.randomNormal(0, 1, new Shape(2, 3, 32, 32), DataType.FLOAT64),
              m.randomNormal(0, 1, new Shape(2, 3, 16, 16), DataType.FLOAT64),
              m.randomNormal(0, 1, new Shape(2, 3, 8, 8), DataType.FLOAT64));
      double[] r = {
        1, 10, 10, 200, 220, // scale 199.7 -> level 1
        0, 5, 5, 40, 40, // scale 35 -> level 0
        1, 0, 0, 250, 250, // scale 250 -> level 2
        0, 20, 30, 150, 130 // scale 114 -> level 1
      };
      NDArray rois = m.create(r, new Shape(4, 5));
      NDArray out = FpnRoiExtractor.mmdet(7, Pyramids.roiLevels()).apply(fpn, rois);
      assertThat(out.getShape()).isEqualTo(new Shape(4, 3, 7, 7));
      int[] strides = {4, 8, 16, 32};
      int[] levels = FpnLevelMapper.mmdet(4).levels(r);
      assertThat(levels).containsExactly(1, 0, 2, 1);
      for (int k = 0; k < 4; k++) {
        NDArray one = m.create(java.util.Arrays.copyOfRange(r, 5 * k, 5 * k + 5), new Shape(1, 5));
        NDArray expected = RoiAlign.of(7, 1.0 / strides[levels[k]]).apply(fpn.get(levels[k]), one);
        assertThat(out.get(k).sub(expected.get(0)).abs().max().getDouble())
            .isCloseTo(0, within(1e-12));
      }
      NDArray shared =
          FpnRoiExtractor.mmdet(7, Pyramids.roiLevels()).apply(FeatureTables.of(fpn), rois);
      assertThat(shared.sub(out).abs().max().getDouble()).isZero();
      assertThat(
              FpnRoiExtractor.mmdet(7, Pyramids.roiLevels())
                  .apply(fpn, m.zeros(new Shape(0, 5), DataType.FLOAT64))
                  .getShape())
          .isEqualTo(new Shape(0, 3, 7, 7));
    }
  }
}
