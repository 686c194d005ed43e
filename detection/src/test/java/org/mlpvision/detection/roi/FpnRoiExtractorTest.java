package org.mlpvision.detection.roi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.mlpvision.detection.testing.Pyramids;

class FpnRoiExtractorTest {
  // Closed by JUnit after the class's tests.
  @AutoClose private static final NDManager manager = NDManager.newBaseManager();

  private static final int[] STRIDES = {4, 8, 16, 32};

  @Test
  void hostPassOverAllLevelsEqualsPerLevelPoolingInFloat64() {
    Random rng = new Random(5);
    int n = 2;
    int c = 16;
    try (NDManager m = manager.newSubManager()) {
      List<NDArray> doubles = new ArrayList<>();
      List<NDArray> singles = new ArrayList<>();
      for (int s : STRIDES) {
        NDArray f = m.randomNormal(0, 1, new Shape(n, c, 256 / s, 320 / s), DataType.FLOAT64);
        doubles.add(f);
        singles.add(f.toType(DataType.FLOAT32, false));
      }
      // Scales from 8 to 700 px, so every level gets RoIs, some reaching past the image.
      int k = 80;
      double[] r = new double[5 * k];
      for (int i = 0; i < k; i++) {
        double side = 8 * Math.exp(rng.nextDouble() * Math.log(700 / 8.0));
        double x1 = rng.nextDouble() * 330 - 10;
        double y1 = rng.nextDouble() * 260 - 10;
        r[5 * i] = rng.nextInt(n);
        r[5 * i + 1] = x1;
        r[5 * i + 2] = y1;
        r[5 * i + 3] = x1 + side * (0.5 + rng.nextDouble());
        r[5 * i + 4] = y1 + side * (0.5 + rng.nextDouble());
      }
      NDArray rois = m.create(r, new Shape(k, 5));
      FpnRoiExtractor extractor = FpnRoiExtractor.mmdet(7, Pyramids.roiLevels());
      FeatureTables tables = FeatureTables.of(singles);
      double[] host = extractor.apply(tables, rois).toType(DataType.FLOAT64, false).toDoubleArray();
      int[] levels = FpnLevelMapper.mmdet(4).levels(r);
      assertThat(levels).contains(0, 1, 2, 3);
      int per = c * 49;
      for (int i = 0; i < k; i++) {
        NDArray one = rois.get(i).reshape(1, 5);
        double[] expected =
            RoiAlign.of(7, 1.0 / STRIDES[levels[i]])
                .apply(doubles.get(levels[i]), one)
                .toDoubleArray();
        for (int j = 0; j < per; j++) {
          assertThat(host[i * per + j]).as("roi %d", i).isCloseTo(expected[j], within(1e-5));
        }
      }
      // The kept tables serve a second extraction with the same result.
      double[] again =
          extractor.apply(tables, rois).toType(DataType.FLOAT64, false).toDoubleArray();
      assertThat(again).containsExactly(host);
    }
  }
}
