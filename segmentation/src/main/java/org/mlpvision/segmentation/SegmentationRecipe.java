package org.mlpvision.segmentation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import org.mlpvision.core.config.ConfigException;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.core.device.RuntimeConfig;
import org.mlpvision.core.train.TrainConfig;
import org.mlpvision.segmentation.data.SegDataConfig;

/**
 * A segmentation recipe, mmseg's config as one flat JSON file: {@code {"task": "segmentation",
 * "runtime": {...}, "model": {encoder_decoder}, "data": {...}, "train": {...}}}.
 *
 * @param runtime device, threads and seed
 * @param model the segmentor ({@link SegmentorConfig})
 * @param data the data set and pipelines
 * @param train the engine's settings (iterations, AdamW, schedule, accumulation)
 */
public record SegmentationRecipe(
    RuntimeConfig runtime, SegmentorConfig model, SegDataConfig data, TrainConfig train) {
  /** The recipe's {@code task} value. */
  public static final String TASK = "segmentation";

  private static final Set<String> KEYS = Set.of("task", "runtime", "model", "data", "train");

  /** Binds every section strictly; unknown top-level keys are errors. */
  public static SegmentationRecipe read(ConfigSource src, SegmentorConfigReader models) {
    JsonNode root = src.root();
    if (!root.isObject()) {
      throw new ConfigException(src.source(), "", "a recipe must be a JSON object");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        throw new ConfigException(
            src.source(), key, "unknown key '" + key + "'; known keys: " + new TreeSet<>(KEYS));
      }
    }
    JsonNode task = root.get("task");
    if (task == null || !TASK.equals(task.asText())) {
      throw new ConfigException(src.source(), "task", "expected 'segmentation', got " + task);
    }
    return new SegmentationRecipe(
        src.section("runtime", RuntimeConfig.class),
        models.read(root.get("model"), src.source(), "model"),
        src.section("data", SegDataConfig.class),
        src.section("train", TrainConfig.class));
  }
}
