package org.mlpvision.backbone;

import java.util.List;
import java.util.Set;

/** Checks shared by the backbone config records; failures are {@link IllegalArgumentException}s. */
public final class BackboneConfigs {
  /** Output names of the four stages, fine to coarse. */
  public static final List<String> STAGES = List.of("stage1", "stage2", "stage3", "stage4");

  /**
   * Classes of the classifier form when a config leaves {@code num_classes} unset (ImageNet-1k).
   */
  public static final int DEFAULT_CLASSES = 1000;

  private BackboneConfigs() {}

  /** {@code numClasses}, or {@link #DEFAULT_CLASSES} when unset. */
  public static int classes(Integer numClasses) {
    return numClasses == null ? DEFAULT_CLASSES : numClasses;
  }

  /** Requires four positive entries (one per stage). */
  public static void fourPositive(String key, List<? extends Number> values) {
    if (values.size() != 4) {
      throw new IllegalArgumentException(key + " needs 4 entries (one per stage), got " + values);
    }
    for (Number v : values) {
      if (v == null || v.doubleValue() <= 0) {
        throw new IllegalArgumentException(key + " entries must be > 0, got " + values);
      }
    }
  }

  /** Requires distinct names among {@link #STAGES}. */
  public static void outFeatures(List<String> names) {
    if (names.isEmpty() || Set.copyOf(names).size() != names.size()) {
      throw new IllegalArgumentException("out_features must be distinct stage names, got " + names);
    }
    for (String n : names) {
      if (!STAGES.contains(n)) {
        throw new IllegalArgumentException(
            "out_features entry '" + n + "' is not one of " + STAGES);
      }
    }
  }

  /** Checks drop path, frozen stages and class count. */
  public static void common(double dropPath, int frozenStages, Integer numClasses) {
    if (!(dropPath >= 0 && dropPath < 1)) {
      throw new IllegalArgumentException("drop_path must be in [0, 1), got " + dropPath);
    }
    if (frozenStages < -1 || frozenStages > 4) {
      throw new IllegalArgumentException(
          "frozen_stages must be -1 (none) .. 4, got " + frozenStages);
    }
    if (numClasses != null && numClasses < 1) {
      throw new IllegalArgumentException("num_classes must be >= 1, got " + numClasses);
    }
  }
}
