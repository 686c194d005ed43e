package org.mlpvision.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.core.config.ConfigException;
import org.mlpvision.core.config.ConfigLoader;
import org.mlpvision.core.weights.StateDict;
import org.mlpvision.detection.testing.TinyDetectors;
import org.mlpvision.detection.testing.TinyRecipe;

/**
 * {@code vision export} of an official mmdet {@code .pth} through the restricted reader: class
 * names and category ids from the test annotations, in label (category id) order, and the weights
 * as read; errors name the file and key they come from.
 */
class ModelExporterTest {
  @TempDir Path dir;

  /** The tiny recipe with the 2-class model of the .pth and real (not synthetic) data. */
  private Path recipe(boolean withAnnotations) throws Exception {
    ObjectNode root = (ObjectNode) ConfigLoader.mapper().readTree(TinyRecipe.json(1, 1, 5));
    root.set("model", TinyDetectors.modelNode());
    ObjectNode data = (ObjectNode) root.get("data");
    data.remove("synth");
    data.put("data_root", dir.resolve("coco").toString());
    if (withAnnotations) {
      Path ann = dir.resolve("coco/annotations/instances_val2017.json");
      Files.createDirectories(ann.getParent());
      Files.writeString(
          ann,
          "{\"images\": [], \"annotations\": [], \"categories\": [{\"id\": 7, \"name\": \"dog\"},"
              + " {\"id\": 3, \"name\": \"cat\"}]}");
    }
    return Files.writeString(dir.resolve("pth_recipe.json"), root.toString());
  }

  private static Path pth() throws Exception {
    return Path.of(
        TinyDetectors.class
            .getResource("/org/mlpvision/detection/detector/tiny_mmdet_checkpoint.pth")
            .toURI());
  }

  @Test
  void anOfficialMmdetPthExportsWithClassesInCategoryIdOrder() throws Exception {
    ModelDirectory out = ModelExporter.export(recipe(true), pth(), dir.resolve("model"));
    ModelDirectory read = ModelDirectory.open(dir.resolve("model"));
    assertThat(read.metadata().classes()).containsExactly("cat", "dog");
    assertThat(read.metadata().categoryIds()).containsExactly(3L, 7L);
    assertThat(read.metadata().task()).isEqualTo(ModelTask.DETECTION);
    assertThat(out.metadata().source().get("checkpoint").asText()).isEqualTo(pth().toString());
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      StateDict official = StateDict.read(pth(), m);
      StateDict exported = StateDict.read(read.weights(), m);
      assertThat(exported.tensors()).isNotEmpty();
      exported
          .tensors()
          .forEach(
              (k, v) ->
                  assertThat(v.toFloatArray())
                      .as(k)
                      .containsExactly(official.get(k).toFloatArray()));
    }
  }

  @Test
  void missingAnnotationsAreNamedWithTheirKey() throws Exception {
    assertThatThrownBy(() -> ModelExporter.export(recipe(false), pth(), dir.resolve("model")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("data.test.ann_file")
        .hasMessageContaining("instances_val2017.json is missing");
  }

  @Test
  void aCheckpointOfAnotherModelNamesItsFile() throws Exception {
    Path recipe = Files.writeString(dir.resolve("four_classes.json"), TinyRecipe.json(1, 1, 5));
    // The 2-class .pth against the 4-class model; the synthetic data set is written first.
    Path run = dir.resolve("run");
    Files.createDirectories(run);
    Path ckpt = Files.copy(pth(), run.resolve("tiny.pth"));
    assertThatThrownBy(() -> ModelExporter.export(recipe, ckpt, dir.resolve("model")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(ckpt.toString())
        .hasMessageContaining("do not match the model");
    assertThat(dir.resolve("model")).doesNotExist();
  }
}
