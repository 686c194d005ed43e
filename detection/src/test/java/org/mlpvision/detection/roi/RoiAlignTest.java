package org.mlpvision.detection.roi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.mlpvision.core.testing.GradientCheck;

class RoiAlignTest {
  // Closed by JUnit after the class's tests.
  @AutoClose private static final NDManager manager = NDManager.newBaseManager();

  private static NDArray ramp4x4() {
    return manager.arange(16f).reshape(1, 1, 4, 4);
  }

  private static float[] pool(NDArray f, boolean aligned, float... roi) {
    NDArray rois = manager.create(new float[] {0, roi[0], roi[1], roi[2], roi[3]}).reshape(1, 5);
    RoiAlign op = new RoiAlign(2, 2, 1.0, 0, aligned);
    float[] host = op.apply(f, rois).toFloatArray();
    // Float64 features take the sparse product: every worked example covers both forwards.
    float[] sparse =
        op.apply(f.toType(DataType.FLOAT64, true), rois)
            .toType(DataType.FLOAT32, false)
            .toFloatArray();
    assertThat(sparse).containsExactly(host, within(1e-6f));
    return host;
  }

  @Test
  void boxCornersSamplePixelCentresWhenAligned() {
    assertThat(pool(ramp4x4(), true, 0, 0, 2, 2)).containsExactly(0f, 1f, 4f, 5f);
  }

  @Test
  void halfPixelShiftedRoiEqualsUnalignedRoi() {
    assertThat(pool(ramp4x4(), true, 0.5f, 0.5f, 2.5f, 2.5f))
        .containsExactly(2.5f, 3.5f, 6.5f, 7.5f);
    assertThat(pool(ramp4x4(), false, 0, 0, 2, 2)).containsExactly(2.5f, 3.5f, 6.5f, 7.5f);
  }

  @Test
  void adaptiveGridAveragesFourSamplesPerBin() {
    assertThat(pool(ramp4x4(), true, 0, 0, 4, 4)).containsExactly(2.5f, 4.5f, 10.5f, 12.5f);
  }

  @Test
  void samplesPastTheBorderClampOrVanish() {
    assertThat(pool(ramp4x4(), true, 2, 2, 6, 6)).containsExactly(12.5f, 6.5f, 7.25f, 3.75f);
  }

  @Test
  void degenerateRoiGivesZeros() {
    assertThat(pool(ramp4x4(), true, 1, 1, 1, 1)).containsOnly(0f);
    assertThat(pool(ramp4x4(), true, 3, 3, 1, 1)).containsOnly(0f);
  }

  @Test
  void matchesTorchvisionRoiAlignAligned() throws Exception {
    JsonNode root;
    try (InputStream in = getClass().getResourceAsStream("torchvision_roi_align.json")) {
      root = new ObjectMapper().readTree(in);
    }
    long[] fs = new ObjectMapper().convertValue(root.get("featureShape"), long[].class);
    double[] feat = new ObjectMapper().convertValue(root.get("feature"), double[].class);
    double[] rois = new ObjectMapper().convertValue(root.get("rois"), double[].class);
    try (NDManager m = manager.newSubManager()) {
      NDArray f = m.create(feat, new Shape(fs));
      NDArray r = m.create(rois, new Shape(rois.length / 5, 5));
      for (JsonNode c : root.get("cases")) {
        RoiAlign op =
            new RoiAlign(
                c.get("outH").asInt(),
                c.get("outW").asInt(),
                c.get("scale").asDouble(),
                c.get("samplingRatio").asInt(),
                true);
        double[] expected = new ObjectMapper().convertValue(c.get("output"), double[].class);
        double[] actual = op.apply(f, r).toDoubleArray();
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
          assertThat(actual[i])
              .as("case %s index %d", c.get("outH"), i)
              .isCloseTo(expected[i], within(1e-9));
        }
      }
    }
  }

  @Test
  void equalsThePerSampleGatherOnRandomRois() {
    Random rng = new Random(3);
    int n = 2;
    int c = 5;
    int h = 23;
    int w = 31;
    double[] feat = new double[n * c * h * w];
    for (int i = 0; i < feat.length; i++) {
      feat[i] = rng.nextGaussian();
    }
    int k = 40;
    double[] rois = new double[5 * k];
    for (int r = 0; r < k; r++) {
      double x1 = rng.nextDouble() * 140 - 10;
      double y1 = rng.nextDouble() * 100 - 10;
      rois[5 * r] = r % n;
      rois[5 * r + 1] = x1;
      rois[5 * r + 2] = y1;
      rois[5 * r + 3] = x1 + rng.nextDouble() * 90;
      rois[5 * r + 4] = y1 + rng.nextDouble() * 70;
    }
    try (NDManager m = manager.newSubManager()) {
      NDArray f = m.create(feat, new Shape(n, c, h, w));
      NDArray f32 = f.toType(DataType.FLOAT32, false);
      NDArray r = m.create(rois, new Shape(k, 5));
      for (int sr : new int[] {0, 2}) {
        for (boolean aligned : new boolean[] {true, false}) {
          double[] expected =
              RoiAlignReference.forward(feat, n, c, h, w, rois, 7, 6, 0.25, sr, aligned);
          RoiAlign op = new RoiAlign(7, 6, 0.25, sr, aligned);
          double[] actual = op.apply(f, r).toDoubleArray();
          // float32 features take the host path, which accumulates in float32.
          double[] single = op.apply(f32, r).toType(DataType.FLOAT64, false).toDoubleArray();
          for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).isCloseTo(expected[i], within(1e-10));
            assertThat(single[i]).isCloseTo(expected[i], within(1e-5));
          }
        }
      }
    }
  }

  @Test
  void everyForwardEqualsThePerSampleGatherOnLargeWindowsAndBatches() {
    Random rng = new Random(9);
    int n = 2;
    int c = 64;
    int h = 48;
    int w = 64;
    double[] feat = new double[n * c * h * w];
    for (int i = 0; i < feat.length; i++) {
      feat[i] = rng.nextGaussian();
    }
    int k = 60;
    double[] rois = new double[5 * k];
    for (int r = 0; r < k; r++) {
      double side = 2 + rng.nextDouble() * 60;
      double x1 = rng.nextDouble() * (w - side / 2);
      double y1 = rng.nextDouble() * (h - side / 2);
      rois[5 * r] = rng.nextInt(n);
      rois[5 * r + 1] = x1;
      rois[5 * r + 2] = y1;
      rois[5 * r + 3] = x1 + side * (0.5 + rng.nextDouble());
      rois[5 * r + 4] = y1 + side * (0.5 + rng.nextDouble());
    }
    // Windows up to the whole 48x64 map, RoIs of both images.
    try (NDManager m = manager.newSubManager()) {
      NDArray f = m.create(feat, new Shape(n, c, h, w));
      double[] expected = RoiAlignReference.forward(feat, n, c, h, w, rois, 7, 7, 1.0, 0, true);
      RoiAlign op = RoiAlign.of(7, 1.0);
      FeatureTables doubles = FeatureTables.of(List.of(f));
      FeatureTables singles = FeatureTables.of(List.of(f.toType(DataType.FLOAT32, false)));
      // Every forward, each pinned so that CPU runs cover all of them: the sparse product (the
      // autograd and non-CPU path) in float64; the host loops (float32 on the CPU, accumulating in
      // float32) and whatever FASTEST picks for float32.
      for (RoiAlign.Forward path : RoiAlign.Forward.values()) {
        boolean host = path == RoiAlign.Forward.HOST || path == RoiAlign.Forward.FASTEST;
        double[] actual =
            op.pool(host ? singles : doubles, 0, rois, path)
                .toType(DataType.FLOAT64, false)
                .toDoubleArray();
        for (int i = 0; i < expected.length; i++) {
          assertThat(actual[i])
              .as("path %s", path)
              .isCloseTo(expected[i], within(host ? 1e-5 : 1e-10));
        }
      }
    }
  }

  @Test
  void hostPathReadsStridedViews() {
    try (NDManager m = manager.newSubManager()) {
      NDArray view =
          m.randomNormal(0, 1, new Shape(2, 3, 7, 5), DataType.FLOAT32).transpose(0, 1, 3, 2);
      NDArray rois = m.create(new float[] {0, 0.5f, 1, 6, 4, 1, 2, 0, 5.5f, 3.5f}).reshape(2, 5);
      RoiAlign op = RoiAlign.of(3, 1.0);
      double[] expected = op.apply(view.toType(DataType.FLOAT64, true), rois).toDoubleArray();
      double[] actual = op.apply(view, rois).toType(DataType.FLOAT64, false).toDoubleArray();
      assertThat(actual).containsExactly(expected, within(1e-5));
    }
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    assertGradientMatchesFiniteDifferences(
        new Shape(2, 2, 5, 6),
        new double[] {0, 0.3, 0.7, 4.6, 3.9, 1, 2.2, 1.1, 9.5, 7.0, 0, -1.5, 2.5, 2.0, 6.5},
        new RoiAlign(3, 2, 0.8, 0, true));
  }

  @Test
  void gradientMatchesFiniteDifferencesForMixedSizesAndFixedSampling() {
    // One map-sized window and three tiny ones, on both images, two samples per bin side.
    assertGradientMatchesFiniteDifferences(
        new Shape(2, 2, 9, 11),
        new double[] {
          0, 0, 0, 10.5, 8.5, 1, 1.2, 1.4, 2.1, 2.6, 0, 5.3, 4.1, 6.0, 5.2, 1, 8.1, 6.4, 9.4, 7.3
        },
        new RoiAlign(2, 3, 1.0, 2, true));
  }

  private static void assertGradientMatchesFiniteDifferences(
      Shape featureShape, double[] rois, RoiAlign op) {
    try (NDManager m = manager.newSubManager()) {
      NDArray x = m.randomNormal(0, 1, featureShape, DataType.FLOAT64);
      NDArray r = m.create(rois, new Shape(rois.length / 5, 5));
      double err = GradientCheck.maxRelativeError(m, x, in -> op.apply(in, r), 1e-6);
      assertThat(err).isLessThan(1e-6);
    }
  }

  @Test
  void rejectsBadShapesAndBatchIndices() {
    RoiAlign op = RoiAlign.of(7, 0.25);
    NDArray f = manager.zeros(new Shape(1, 2, 4, 4));
    assertThatThrownBy(() -> op.apply(f, manager.zeros(new Shape(3, 4))))
        .hasMessageContaining("rois must have shape (K,5)")
        .hasMessageContaining("(3, 4)");
    assertThatThrownBy(() -> op.apply(f, manager.create(new float[] {1, 0, 0, 2, 2}).reshape(1, 5)))
        .hasMessageContaining("batch index")
        .hasMessageContaining("1.0");
    assertThatThrownBy(
            () -> op.apply(manager.zeros(new Shape(2, 4, 4)), manager.zeros(new Shape(0, 5))))
        .hasMessageContaining("features must have shape (N,C,H,W)");
    assertThatThrownBy(() -> new RoiAlign(0, 7, 1, 0, true)).hasMessageContaining("0x7");
  }

  @Test
  void noRoisGiveAnEmptyResult() {
    NDArray out =
        RoiAlign.of(7, 1)
            .apply(manager.zeros(new Shape(1, 3, 4, 4)), manager.zeros(new Shape(0, 5)));
    assertThat(out.getShape()).isEqualTo(new Shape(0, 3, 7, 7));
  }
}
