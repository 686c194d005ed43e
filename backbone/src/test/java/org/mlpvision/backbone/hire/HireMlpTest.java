package org.mlpvision.backbone.hire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.mlpvision.backbone.Backbone;
import org.mlpvision.backbone.Backbones;
import org.mlpvision.backbone.FeatureMaps;
import org.mlpvision.backbone.TestConfigs;

class HireMlpTest {
  private static final HireMlpConfig NARROW = TestConfigs.narrowHire(List.of(1, 1, 3, 2), 0.1);

  @Test
  void stepScheduleFollowsStrideAndDilation() {
    HireMlpClassifier base = (HireMlpClassifier) Backbones.named("hire_mlp_base").classifier();
    List<Integer> stage3 = steps(base, 2);
    assertThat(stage3).hasSize(24);
    for (int j = 0; j < 24; j++) {
      assertThat(stage3.get(j)).isEqualTo(j % 3);
    }
    assertThat(steps(base, 0)).containsExactly(0, 2, 0, 2);
    assertThat(steps(base, 1)).containsExactly(0, 2, 0, 2, 0, 2);
    assertThat(steps(base, 3)).containsExactly(0, 1, 0);
  }

  @Test
  void dropPathGrowsLinearlyFromZeroToTheRate() {
    HireMlpBackbone net = (HireMlpBackbone) NARROW.dense();
    List<Float> rates = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      net.stage(i).forEach(b -> rates.add(b.dropPath()));
    }
    assertThat(rates).hasSize(7);
    for (int b = 0; b < 7; b++) {
      assertThat(rates.get(b)).isCloseTo(0.1f * b / 6, Offset.offset(1e-7f));
    }
  }

  @Test
  void outputSizesFollowTheSpecTable() {
    Backbone net = Backbones.named("hire_mlp_tiny").dense();
    assertThat(net.outputSizes(224, 224))
        .containsExactly(
            new long[] {56, 56}, new long[] {28, 28}, new long[] {14, 14}, new long[] {7, 7});
    assertThat(net.outputSizes(225, 223))
        .containsExactly(
            new long[] {56, 56}, new long[] {28, 28}, new long[] {14, 14}, new long[] {7, 7});
    assertThat(net.outputSizes(230, 190))
        .containsExactly(
            new long[] {57, 47}, new long[] {29, 24}, new long[] {15, 12}, new long[] {8, 6});
    assertThat(net.outputSizes(97, 131))
        .containsExactly(
            new long[] {24, 33}, new long[] {12, 17}, new long[] {6, 9}, new long[] {3, 5});
    assertThat(net.outputSizes(33, 33))
        .containsExactly(
            new long[] {8, 8}, new long[] {4, 4}, new long[] {2, 2}, new long[] {1, 1});
    assertThat(net.outputSizes(512, 512))
        .containsExactly(
            new long[] {128, 128}, new long[] {64, 64}, new long[] {32, 32}, new long[] {16, 16});
    assertThat(net.outputSizes(800, 1216))
        .containsExactly(
            new long[] {200, 304}, new long[] {100, 152}, new long[] {50, 76}, new long[] {25, 38});
  }

  @Test
  void forwardShapesMatchThePredictedSizesIncludingBelowNineteen() {
    Backbone net = NARROW.dense();
    try (NDManager m = NDManager.newBaseManager()) {
      net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      ParameterStore ps = new ParameterStore(m, false);
      for (int[] hw : new int[][] {{97, 131}, {33, 33}, {19, 19}, {18, 18}, {7, 9}}) {
        NDArray x = m.randomNormal(new Shape(1, 3, hw[0], hw[1]));
        FeatureMaps out = net.extract(ps, x, false);
        List<long[]> sizes = net.outputSizes(hw[0], hw[1]);
        for (int i = 0; i < 4; i++) {
          NDArray f = out.get("stage" + (i + 1));
          assertThat(f.getShape())
              .isEqualTo(
                  new Shape(1, 8L * List.of(1, 2, 3, 4).get(i), sizes.get(i)[0], sizes.get(i)[1]));
          assertThat(f.isNaN().any().getBoolean()).isFalse();
        }
      }
    }
  }

  @Test
  void inputsSmallerThanTheStemFailWithOneLineNamingTheSize() {
    try (NDManager m = NDManager.newBaseManager()) {
      Backbone dense = NARROW.dense();
      dense.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      HireMlpClassifier cls = (HireMlpClassifier) NARROW.classifier();
      cls.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      ParameterStore ps = new ParameterStore(m, false);
      NDArray tiny = m.zeros(new Shape(1, 3, 2, 5));
      assertThatThrownBy(() -> dense.extract(ps, tiny, false))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Hire-MLP needs an input of at least 3x3 (HxW) for its stem, got 2x5");
      assertThatThrownBy(() -> cls.logits(ps, tiny, false)).hasMessageContaining("got 2x5");
      assertThatThrownBy(() -> dense.extract(ps, m.zeros(new Shape(1, 1, 32, 32)), false))
          .hasMessage("Hire-MLP needs an (N, 3, H, W) image batch, got shape (1, 1, 32, 32)");
      // The smallest input still runs.
      assertThat(dense.extract(ps, m.zeros(new Shape(1, 3, 3, 3)), false).get("stage1").getShape())
          .isEqualTo(new Shape(1, 8, 1, 1));
    }
  }

  @Test
  void classifierGivesOneRowOfLogitsPerImageAtAnySize() {
    HireMlpClassifier net = (HireMlpClassifier) NARROW.withNumClasses(7).classifier();
    try (NDManager m = NDManager.newBaseManager()) {
      net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      ParameterStore ps = new ParameterStore(m, false);
      for (int s : new int[] {21, 40, 64}) {
        NDArray logits = net.logits(ps, m.randomNormal(new Shape(2, 3, s, s)), false);
        assertThat(logits.getShape()).isEqualTo(new Shape(2, 7));
      }
    }
  }

  @Test
  void evalModeIsDeterministicAndTrainingModeIsNot() {
    Backbone net = NARROW.withDropPath(0.5).dense();
    try (NDManager m = NDManager.newBaseManager()) {
      net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      ParameterStore ps = new ParameterStore(m, false);
      NDArray x = m.randomNormal(new Shape(4, 3, 40, 40));
      NDArray a = net.extract(ps, x, false).get("stage4");
      NDArray b = net.extract(ps, x, false).get("stage4");
      assertThat(a.eq(b).all().getBoolean()).isTrue();
      // Training mode draws new drop-path masks each call.
      NDArray c = net.extract(ps, x, true).get("stage4");
      NDArray d = net.extract(ps, x, true).get("stage4");
      assertThat(c.eq(d).all().getBoolean()).isFalse();
    }
  }

  @Test
  void normEvalKeepsBatchNormRunningStatisticsInTraining() {
    HireMlpConfig frozen = TestConfigs.narrowHire(List.of(1, 1, 1, 1), 0.0, null, 1, true);
    Backbone net = frozen.dense();
    try (NDManager m = NDManager.newBaseManager()) {
      net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      var params = org.mlpvision.core.weights.ParameterNames.of(net);
      NDArray before = params.get("network.2.0.norm1.running_mean").getArray().duplicate();
      assertThat(params.get("patch_embed.proj.weight").requiresGradient()).isFalse();
      assertThat(params.get("network.0.0.attn.proj.weight").requiresGradient()).isFalse();
      assertThat(params.get("network.1.proj.weight").requiresGradient()).isTrue();
      net.extract(
          new ParameterStore(m, false), m.randomNormal(new Shape(2, 3, 40, 40)).add(3), true);
      NDArray after = params.get("network.2.0.norm1.running_mean").getArray();
      assertThat(after.eq(before).all().getBoolean()).isTrue();
    }
  }

  @Test
  void branchWeightsArePositiveAndSumToOne() {
    HireMixer mixer = new HireMixer(8, 3, 1);
    try (NDManager m = NDManager.newBaseManager()) {
      mixer.initialize(m, DataType.FLOAT32, new Shape(1, 8, 6, 6));
      ParameterStore ps = new ParameterStore(m, false);
      NDArray h = m.randomNormal(new Shape(2, 8, 6, 6));
      NDArray w = m.randomNormal(new Shape(2, 8, 6, 6));
      NDArray c = m.randomNormal(new Shape(2, 8, 6, 6));
      NDArray weights = mixer.branchWeights(ps, h, w, c, false);
      assertThat(weights.getShape()).isEqualTo(new Shape(2, 8, 3));
      assertThat(weights.gt(0).all().getBoolean()).isTrue();
      NDArray sums = weights.sum(new int[] {2});
      assertThat(sums.sub(1).abs().max().getFloat()).isLessThan(1e-6f);
    }
  }

  private static List<Integer> steps(HireMlpTrunk net, int stage) {
    List<Integer> s = new ArrayList<>();
    net.stage(stage).forEach(b -> s.add(b.mixer().step()));
    return s;
  }
}
