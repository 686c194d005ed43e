package org.mlpvision.detection.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.mlpvision.core.config.ConfigException;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.core.device.RuntimeConfig;
import org.mlpvision.core.train.TrainConfig;
import org.mlpvision.detection.detector.DetectorConfig;
import org.mlpvision.detection.detector.DetectorFactory;

/**
 * A detection recipe: {@code {"task": "detection", "runtime": {...}, "model": {mmdet's model
 * config}, "data": {mmdet's data section}, "train": {the engine's settings}, "load_from": file}}.
 *
 * @param runtime device, threads and seed
 * @param model the detector ({@link DetectorConfig})
 * @param data the COCO-format splits and their pipelines
 * @param train the engine's settings (iterations, AdamW, schedule, accumulation)
 * @param loadFrom weights to start from (a backbone or a whole detector, by mmdet's names; loaded
 *     where the names and shapes match), or null
 */
public record DetectionRecipe(
    RuntimeConfig runtime,
    DetectorConfig model,
    DetDataConfig data,
    TrainConfig train,
    String loadFrom) {
  /** The recipe's {@code task} value. */
  public static final String TASK = "detection";

  private static final Set<String> KEYS =
      Set.of("task", "runtime", "model", "data", "train", "load_from");

  /** Binds every section strictly; unknown top-level keys are errors. */
  public static DetectionRecipe from(ConfigSource src) {
    src.checkRecipe(TASK, KEYS, false);
    JsonNode root = src.root();
    JsonNode load = root.get("load_from");
    if (load != null && !load.isNull() && !load.isTextual()) {
      throw new ConfigException(src.source(), "load_from", "expected a file path, got " + load);
    }
    return new DetectionRecipe(
        src.section("runtime", RuntimeConfig.class),
        DetectorFactory.config(root.get("model"), src.source(), "model"),
        src.section("data", DetDataConfig.class),
        src.section("train", TrainConfig.class),
        load == null || load.isNull() ? null : load.asText());
  }
}
