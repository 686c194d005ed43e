package org.mlpvision.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlpvision.backbone.ParameterCount;
import org.mlpvision.backbone.asmlp.AsMlpConfig;
import org.mlpvision.backbone.hire.HireMlpConfig;
import org.mlpvision.core.config.ConfigException;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.core.train.ParamGroupRule;
import org.mlpvision.core.train.TrainConfig;
import org.mlpvision.datasets.transform.AdePipelineConfig;
import org.mlpvision.segmentation.heads.FcnHeadConfig;
import org.mlpvision.segmentation.heads.UperHeadConfig;
import org.mlpvision.segmentation.testing.Recipes;

/** The shipped UperNet recipes carry heads.md §7.2 and §8 exactly. */
class SegmentationRecipeTest {
  private static final List<String> FULL =
      List.of(
          "upernet_as_mlp_tiny_512x512_160k_ade20k",
          "upernet_as_mlp_small_512x512_160k_ade20k",
          "upernet_as_mlp_base_512x512_160k_ade20k",
          "upernet_hire_mlp_tiny_512x512_160k_ade20k",
          "upernet_hire_mlp_small_512x512_160k_ade20k",
          "upernet_hire_mlp_base_512x512_160k_ade20k");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "upernet_as_mlp_tiny_512x512_160k_ade20k",
        "upernet_as_mlp_small_512x512_160k_ade20k",
        "upernet_as_mlp_base_512x512_160k_ade20k",
        "upernet_hire_mlp_tiny_512x512_160k_ade20k",
        "upernet_hire_mlp_small_512x512_160k_ade20k",
        "upernet_hire_mlp_base_512x512_160k_ade20k"
      })
  void fullRecipesHaveTheScheduleOptimizerHeadsAndPipelineOfTheSpec(String name) {
    SegmentationRecipe r = Recipes.read(name);
    TrainConfig t = r.train();
    assertThat(t.maxIters()).isEqualTo(160_000);
    assertThat(r.data().samplesPerGpu() * t.accumulate()).isEqualTo(16);
    assertThat(t.optimizer().lr()).isEqualTo(6e-5);
    assertThat(t.optimizer().beta1()).isEqualTo(0.9);
    assertThat(t.optimizer().beta2()).isEqualTo(0.999);
    assertThat(t.optimizer().weightDecay()).isEqualTo(0.01);
    assertThat(t.optimizer().paramGroups())
        .extracting(ParamGroupRule::pattern, ParamGroupRule::decayMult, ParamGroupRule::lrMult)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("absolute_pos_embed", 0.0, 1.0),
            org.assertj.core.groups.Tuple.tuple("relative_position_bias_table", 0.0, 1.0),
            org.assertj.core.groups.Tuple.tuple("norm", 0.0, 1.0));
    assertThat(t.schedule().policy()).isEqualTo("poly");
    assertThat(t.schedule().power()).isEqualTo(1.0);
    assertThat(t.schedule().minLr()).isEqualTo(0.0);
    assertThat(t.schedule().warmupIters()).isEqualTo(1500);
    assertThat(t.schedule().warmupRatio()).isEqualTo(1e-6);
    assertThat(t.clipGradNorm()).isZero();
    assertThat(t.checkpointEvery()).isEqualTo(16_000);
    assertThat(t.validateEvery()).isEqualTo(16_000);
    assertThat(r.data().pipeline()).isEqualTo(AdePipelineConfig.defaults());
    assertThat(r.data().reduceZeroLabel()).isTrue();
    UperHeadConfig d = (UperHeadConfig) r.model().decodeHead();
    assertThat(d.channels()).isEqualTo(512);
    assertThat(d.poolScales()).containsExactly(1, 2, 3, 6);
    assertThat(d.inIndex()).containsExactly(0, 1, 2, 3);
    assertThat(d.dropoutRatio()).isEqualTo(0.1);
    assertThat(d.numClasses()).isEqualTo(150);
    assertThat(d.lossDecode().lossWeight()).isEqualTo(1.0);
    FcnHeadConfig a = (FcnHeadConfig) r.model().auxiliaryHead();
    assertThat(List.of(a.inIndex(), a.channels(), a.numConvs())).containsExactly(2, 256, 1);
    assertThat(a.concatInput()).isFalse();
    assertThat(a.lossDecode().lossWeight()).isEqualTo(0.4);
    assertThat(r.model().testCfg().mode()).isEqualTo("whole");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "upernet_as_mlp_tiny_512x512_160k_ade20k, 96, '2,2,6,2', 5, 0.3",
    "upernet_as_mlp_small_512x512_160k_ade20k, 96, '2,2,18,2', 3, 0.3",
    "upernet_as_mlp_base_512x512_160k_ade20k, 128, '2,2,18,2', 5, 0.5"
  })
  void asMlpVariantsFollowTheOfficialConfigs(
      String name, int dim, String depths, int shift, double dropPath) {
    AsMlpConfig b = (AsMlpConfig) Recipes.read(name).model().backbone();
    assertThat(b.embedDim()).isEqualTo(dim);
    assertThat(b.depths().toString().replace(" ", "")).isEqualTo("[" + depths + "]");
    assertThat(b.shiftSize()).isEqualTo(shift);
    assertThat(b.dropPath()).isEqualTo(dropPath);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "upernet_hire_mlp_tiny_512x512_160k_ade20k, '2,2,4,2', 0.1",
    "upernet_hire_mlp_small_512x512_160k_ade20k, '3,4,10,3', 0.2",
    "upernet_hire_mlp_base_512x512_160k_ade20k, '4,6,24,3', 0.2"
  })
  void hireMlpVariantsUseTheDenseBackboneDropPaths(String name, String depths, double dropPath) {
    HireMlpConfig b = (HireMlpConfig) Recipes.read(name).model().backbone();
    assertThat(b.depths().toString().replace(" ", "")).isEqualTo("[" + depths + "]");
    assertThat(b.embedDims()).containsExactly(64, 128, 320, 512);
    assertThat(b.dropPath()).isEqualTo(dropPath);
  }

  @Test
  void asMlpUperNetsHaveThePublishedParameterCounts() {
    // AS-MLP-Semantic-Segmentation README: 60M, 81M, 121M (decode and auxiliary heads included).
    Map<String, Double> millions =
        Map.of(
            "upernet_as_mlp_tiny_512x512_160k_ade20k", 60.0,
            "upernet_as_mlp_small_512x512_160k_ade20k", 81.0,
            "upernet_as_mlp_base_512x512_160k_ade20k", 121.0);
    millions.forEach(
        (name, m) ->
            assertThat(ParameterCount.of(Recipes.read(name).model().build()) / 1e6)
                .as(name)
                .isCloseTo(m, within(0.5)));
  }

  @Test
  void asMlpTinyUperNetCountsThePublishedMacsAt512x2048() {
    // AS-MLP-Semantic-Segmentation README: 937G (mmcv's counter reports multiply-accumulates).
    EncoderDecoder m = Recipes.read("upernet_as_mlp_tiny_512x512_160k_ade20k").model().build();
    assertThat(m.macs(512, 2048, false) / 1e9).isCloseTo(937.0, within(2.0));
  }

  @Test
  void theNarrowDemoRecipeBuildsAModelThatRuns() {
    SegmentationRecipe r = Recipes.read("upernet_as_mlp_narrow_128x128_500_ade_shapes");
    // ade-shapes draws ADE classes 1..21 only (wall .. car): the demo predicts those 21.
    assertThat(r.model().numClasses()).isEqualTo(21);
    EncoderDecoder m = r.model().build();
    try (NDManager nd = NDManager.newBaseManager()) {
      m.initialize(nd, DataType.FLOAT32, new Shape(1, 3, 96, 128));
      NDArray logits =
          m.encodeDecode(new ParameterStore(nd, false), nd.randomNormal(new Shape(1, 3, 96, 128)));
      assertThat(logits.getShape()).isEqualTo(new Shape(1, 21, 96, 128));
    }
  }

  @Test
  void allFullRecipesAreListed() throws Exception {
    try (var files = java.nio.file.Files.list(Recipes.dir())) {
      assertThat(
              files
                  .map(p -> p.getFileName().toString().replace(".json", ""))
                  .filter(n -> n.endsWith("_160k_ade20k")))
          .containsExactlyInAnyOrderElementsOf(FULL);
    }
  }

  @Test
  void unknownHeadsAndMismatchedClassCountsNameTheKey() {
    String bad =
        """
        {"task": "segmentation", "data": {"root": "x"},
         "model": {"backbone": {"type": "as_mlp"},
                   "decode_head": {"type": "psp_head", "channels": 8, "num_classes": 3}}}
        """;
    assertThatThrownBy(
            () -> SegmentationRecipe.read(ConfigSource.of("r.json", bad), Recipes.reader()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("model.decode_head.type")
        .hasMessageContaining("[fcn_head, uper_head]");
    String mismatch =
        """
        {"task": "segmentation", "data": {"root": "x"},
         "model": {"backbone": {"type": "as_mlp"},
                   "decode_head": {"type": "uper_head", "channels": 8, "num_classes": 3},
                   "auxiliary_head": {"type": "fcn_head", "channels": 8, "num_classes": 4}}}
        """;
    assertThatThrownBy(
            () -> SegmentationRecipe.read(ConfigSource.of("r.json", mismatch), Recipes.reader()))
        .hasMessageContaining("model.auxiliary_head.num_classes");
    String missing =
        """
        {"task": "segmentation", "data": {"root": "x"},
         "model": {"backbone": {"type": "as_mlp"},
                   "decode_head": {"type": "uper_head", "num_classes": 3}}}
        """;
    assertThatThrownBy(
            () -> SegmentationRecipe.read(ConfigSource.of("r.json", missing), Recipes.reader()))
        .hasMessageContaining("model.decode_head")
        .hasMessageContaining("'channels'");
    String slide =
        """
        {"task": "segmentation", "data": {"root": "x"},
         "model": {"backbone": {"type": "as_mlp"},
                   "decode_head": {"type": "uper_head", "channels": 8, "num_classes": 3},
                   "test_cfg": {"mode": "slide", "crop_size": [64, 64]}}}
        """;
    assertThatThrownBy(
            () -> SegmentationRecipe.read(ConfigSource.of("r.json", slide), Recipes.reader()))
        .hasMessageContaining("model.test_cfg")
        .hasMessageContaining("stride");
  }
}
