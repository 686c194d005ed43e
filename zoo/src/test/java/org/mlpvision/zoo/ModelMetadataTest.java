package org.mlpvision.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.core.config.ConfigException;
import org.mlpvision.core.config.ConfigLoader;

/** {@code model.json} round-trips, and every way it can be wrong names the file and the field. */
class ModelMetadataTest {
  @TempDir Path dir;

  private static ModelMetadata detection() {
    ObjectNode model = ConfigLoader.mapper().createObjectNode();
    model.putObject("roi_head").putObject("mask_head");
    return new ModelMetadata(
        ModelTask.DETECTION,
        "tiny",
        List.of("cat", "dog"),
        List.of(3L, 7L),
        List.of(),
        ConfigLoader.mapper()
            .createArrayNode()
            .add(ConfigLoader.mapper().createObjectNode().put("type", "LoadImageFromFile")),
        model,
        null);
  }

  @Test
  void roundTripsThroughJson() {
    ModelMetadata m = detection();
    ModelMetadata back = ModelMetadata.fromJson(m.toJson(), "model.json");
    assertThat(back.toJson()).isEqualTo(m.toJson());
    assertThat(back.categoryMap().categoryId(1)).isEqualTo(7);
    assertThat(back.application()).isEqualTo(ai.djl.Application.CV.INSTANCE_SEGMENTATION);
  }

  private static void assertError(Consumer<ObjectNode> edit, String field, String text) {
    ObjectNode json = detection().toJson();
    edit.accept(json);
    assertThatThrownBy(() -> ModelMetadata.fromJson(json, "dir/model.json"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("dir/model.json: '" + field + "': ")
        .hasMessageContaining(text);
  }

  @Test
  void badFieldsAreNamed() {
    assertError(j -> j.put("format_version", 2), "format_version", "newer MLPVision");
    assertError(j -> j.put("format", "djl"), "format", "expected 'mlpvision-model'");
    assertError(j -> j.put("task", "pose"), "task", "unknown task 'pose'");
    assertError(j -> j.put("colour", 1), "colour", "unknown key");
    assertError(j -> j.withArray("category_ids").remove(1), "category_ids", "1 ids for 2 classes");
    assertError(j -> j.withArray("classes").set(1, "cat"), "classes", "all distinct");
    assertError(j -> j.remove("test_pipeline"), "test_pipeline", "expected a list");
  }

  @Test
  void aDirectoryWithoutWeightsNamesTheMissingFile() throws Exception {
    ModelDirectory.write(
        dir, detection(), new org.mlpvision.core.weights.StateDict(java.util.Map.of()));
    Files.delete(dir.resolve(ModelDirectory.WEIGHTS_FILE));
    assertThatThrownBy(() -> ModelDirectory.open(dir))
        .hasMessageContaining(dir.resolve(ModelDirectory.WEIGHTS_FILE).toString())
        .hasMessageContaining("vision export writes them");
  }
}
