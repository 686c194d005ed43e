package org.mlpvision.segmentation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
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
    src.checkRecipe(TASK, KEYS, false);
    JsonNode root = src.root();
    return new SegmentationRecipe(
        src.section("runtime", RuntimeConfig.class),
        models.read(root.get("model"), src.source(), "model"),
        src.section("data", SegDataConfig.class),
        src.section("train", TrainConfig.class));
  }
}
