package org.mlpvision.detection.detector;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlpvision.core.config.ConfigLoader;
import org.mlpvision.core.weights.ParameterNames;
import org.mlpvision.detection.testing.TinyDetectors;

/** The recipes of {@code configs/detection}: their models build, with spec §7.1 / §9.4 values. */
class RecipesTest {
  static Path dir() {
    for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        p != null;
        p = p.getParent()) {
      if (Files.isDirectory(p.resolve("configs/detection"))) {
        return p.resolve("configs/detection");
      }
    }
    throw new IllegalStateException("no configs/detection above " + System.getProperty("user.dir"));
  }

  static Stream<String> recipes() throws Exception {
    try (Stream<Path> files = Files.list(dir())) {
      return files.map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  private static long parameters(TwoStageDetector d) {
    return ParameterNames.of(d).values().stream()
        .filter(Parameter::requiresGradient)
        .mapToLong(p -> p.getShape().size())
        .sum();
  }

  @ParameterizedTest
  @MethodSource("recipes")
  void everyRecipeBuildsItsDetector(String name) {
    JsonNode root = ConfigLoader.readTree(dir().resolve(name));
    DetectorConfig c = DetectorFactory.config(root.get("model"), name, "model");
    TwoStageDetector d = TinyDetectors.factory().build(c, name, "model");
    assertThat(d.numClasses()).isEqualTo(name.contains("coco_shapes") ? 4 : 80);
    assertThat(root.get("data").get("train").get("ann_file").asText()).endsWith("train2017.json");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // variant, embed, depths, shift, drop path, parameters (M) of the official model
    "asmlp_tiny_patch4_shift5, 96, '[2,2,6,2]', 3, 0.2, 86",
    "asmlp_small_patch4_window7, 96, '[2,2,18,2]', 3, 0.2, 107",
    "asmlp_base_patch4_shift5, 128, '[2,2,18,2]', 5, 0.3, 145"
  })
  void asMlpRecipesHaveTheOfficialValues(
      String variant, int embed, String depths, int shift, double dpr, int millions) {
    String name =
        "cascade_mask_rcnn_" + variant + "_mstrain_480-800_giou_4conv1f_adamw_3x_coco.json";
    JsonNode r = ConfigLoader.readTree(dir().resolve(name));
    JsonNode b = r.get("model").get("backbone");
    assertThat(b.get("embed_dim").asInt()).isEqualTo(embed);
    assertThat(b.get("depths").toString().replace(" ", "")).isEqualTo(depths);
    assertThat(b.get("shift_size").asInt()).isEqualTo(shift);
    assertThat(b.get("drop_path").asDouble()).isEqualTo(dpr);
    assertSchedule(r);
    TwoStageDetector d =
        TinyDetectors.factory()
            .build(DetectorFactory.config(r.get("model"), name, "model"), name, "model");
    assertThat(parameters(d) / 1e6)
        .isCloseTo(millions, org.assertj.core.api.Assertions.within(1.0));
  }

  /**
   * AdamW 1e-4, wd 0.05 without decay on norms, 36 epochs of COCO stepped at 27 and 33, 500 warm-up
   * iterations, 2 images x 8 accumulated = batch 16, the AutoAugment pipeline.
   */
  private static void assertSchedule(JsonNode r) {
    int epoch = 7330; // ceil(117266 / 16) steps per epoch
    JsonNode train = r.get("train");
    assertThat(train.at("/optimizer/lr").asDouble()).isEqualTo(1e-4);
    assertThat(train.at("/optimizer/weight_decay").asDouble()).isEqualTo(0.05);
    assertThat(train.at("/optimizer/param_groups").toString()).contains("\"pattern\":\"norm\"");
    assertThat(train.at("/max_iters").asInt()).isEqualTo(36 * epoch);
    assertThat(train.at("/schedule/steps").toString())
        .isEqualTo("[" + 27 * epoch + "," + 33 * epoch + "]");
    assertThat(train.at("/schedule/warmup_iters").asInt()).isEqualTo(500);
    assertThat(r.at("/data/samples_per_gpu").asInt() * train.at("/accumulate").asInt())
        .isEqualTo(16);
    JsonNode policies = r.at("/data/train/pipeline/3/policies");
    assertThat(policies.get(0).get(0).get("img_scale")).hasSize(11);
    assertThat(policies.get(1).get(1).get("crop_size").toString()).isEqualTo("[384,600]");
    assertThat(List.of(r.at("/data/test/pipeline/1/img_scale").toString()))
        .containsExactly("[1333,800]");
  }
}
