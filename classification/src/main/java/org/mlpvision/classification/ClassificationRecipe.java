package org.mlpvision.classification;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.mlpvision.backbone.BackboneConfig;
import org.mlpvision.backbone.Backbones;
import org.mlpvision.core.config.ConfigException;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.core.train.TrainConfig;
import org.mlpvision.datasets.classify.ShapesSpec;

/**
 * A classification recipe: {@code {"task": "classification", "runtime": {...}, "model": {backbone
 * with num_classes}, "data": {...}, "train": {...}, "pretrained": "weights.safetensors"}}. The
 * {@code runtime} section is bound once for every task by {@code ConfigModule}.
 *
 * @param model the classifier's architecture ({@code hire_mlp} or {@code as_mlp})
 * @param data the synthetic shape set and batch size
 * @param train the engine's settings
 * @param pretrained optional backbone weights to fine-tune from ({@code .safetensors}/{@code
 *     .npz}); matching names are loaded, the head is kept when its shape differs
 */
public record ClassificationRecipe(
    BackboneConfig model, ShapesSpec data, TrainConfig train, String pretrained) {
  /** The recipe's {@code task} value. */
  public static final String TASK = "classification";

  private static final Set<String> KEYS =
      Set.of("task", "runtime", "model", "data", "train", "pretrained");

  /**
   * Binds every section strictly; unknown top-level keys are errors.
   *
   * @param backbones the registered backbone types the {@code model} section is bound with
   */
  public static ClassificationRecipe from(ConfigSource src, Backbones backbones) {
    src.checkRecipe(TASK, KEYS, true);
    JsonNode root = src.root();
    JsonNode modelNode = root.get("model");
    if (modelNode != null && modelNode.isObject() && !modelNode.has("num_classes")) {
      // The data set fixes the class count; a recipe need not repeat it.
      modelNode =
          ((com.fasterxml.jackson.databind.node.ObjectNode) modelNode.deepCopy())
              .put("num_classes", ShapesSpec.defaults().numClasses());
    }
    BackboneConfig model = backbones.fromJson(modelNode, src.source(), "model");
    if (model.numClasses() != ShapesSpec.defaults().numClasses()) {
      throw new ConfigException(
          src.source(),
          "model.num_classes",
          "the shape set has "
              + ShapesSpec.defaults().numClasses()
              + " classes, got "
              + model.numClasses());
    }
    JsonNode pre = root.get("pretrained");
    if (pre != null && !pre.isNull() && !pre.isTextual()) {
      throw new ConfigException(src.source(), "pretrained", "expected a file path, got " + pre);
    }
    return new ClassificationRecipe(
        model,
        src.section("data", ShapesSpec.class),
        src.section("train", TrainConfig.class),
        pre == null || pre.isNull() ? null : pre.asText());
  }
}
