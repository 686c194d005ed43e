package org.mlpvision.detection.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.mlpvision.core.config.ConfigException;
import org.mlpvision.datasets.transform.AutoAugment;
import org.mlpvision.datasets.transform.Normalize;
import org.mlpvision.datasets.transform.Pad;
import org.mlpvision.datasets.transform.Pipeline;
import org.mlpvision.datasets.transform.RandomBoxCrop;
import org.mlpvision.datasets.transform.RandomFlip;
import org.mlpvision.datasets.transform.Resize;
import org.mlpvision.datasets.transform.Transform;

/**
 * An mmdet pipeline list ({@code data.train.pipeline}) as the data set transforms: {@code
 * RandomFlip}, {@code Resize} (single scale, {@code value} or {@code range} multi-scale, {@code
 * ratio_range}, {@code keep_ratio}), {@code RandomCrop} ({@code absolute_range}), {@code
 * AutoAugment} (policies of the above), {@code Normalize}, {@code Pad} ({@code size_divisor}) and
 * the test-time {@code MultiScaleFlipAug} with one scale and no flip. Loading and formatting steps
 * ({@code LoadImageFromFile}, {@code LoadAnnotations}, {@code DefaultFormatBundle}, {@code
 * ImageToTensor}, {@code Collect}) are what the loader does anyway. Unknown steps and keys are
 * errors naming the key path.
 */
public final class MmdetPipeline {
  private static final Map<String, Set<String>> KEYS =
      Map.ofEntries(
          Map.entry("LoadImageFromFile", Set.of()),
          Map.entry("LoadAnnotations", Set.of("with_bbox", "with_mask", "poly2mask")),
          Map.entry("RandomFlip", Set.of("flip_ratio", "direction")),
          Map.entry(
              "Resize",
              Set.of("img_scale", "multiscale_mode", "ratio_range", "keep_ratio", "override")),
          Map.entry("RandomCrop", Set.of("crop_type", "crop_size", "allow_negative_crop")),
          Map.entry("AutoAugment", Set.of("policies")),
          Map.entry("Normalize", Set.of("mean", "std", "to_rgb")),
          Map.entry("Pad", Set.of("size_divisor")),
          Map.entry("DefaultFormatBundle", Set.of()),
          Map.entry("ImageToTensor", Set.of("keys")),
          Map.entry("Collect", Set.of("keys", "meta_keys")),
          Map.entry("MultiScaleFlipAug", Set.of("img_scale", "flip", "transforms")));

  /**
   * The transforms of a pipeline.
   *
   * @param transform the steps in order
   * @param masks whether {@code LoadAnnotations} asks for instance masks
   */
  public record Built(Transform transform, boolean masks) {}

  private final String source;
  private boolean masks;

  private MmdetPipeline(String source) {
    this.source = source;
  }

  /**
   * Translates {@code list}.
   *
   * @param path its key path in {@code source}, for errors
   */
  public static Built build(JsonNode list, String source, String path) {
    MmdetPipeline p = new MmdetPipeline(source);
    Transform t = p.steps(list, path, null);
    return new Built(t, p.masks);
  }

  private Transform steps(JsonNode list, String path, int[] testScale) {
    List<Transform> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Transform t = step(list.get(i), path + "[" + i + "]", testScale);
      if (t != null) {
        out.add(t);
      }
    }
    return new Pipeline(out);
  }

  private Transform step(JsonNode t, String path, int[] testScale) {
    String type = t.path("type").asText("");
    Set<String> keys = KEYS.get(type);
    if (keys == null) {
      throw new ConfigException(
          source,
          path + ".type",
          "unsupported step '" + type + "'; known: " + new TreeSet<>(KEYS.keySet()));
    }
    for (Iterator<String> it = t.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!k.equals("type") && !keys.contains(k)) {
        throw new ConfigException(
            source, path + "." + k, "unknown key of " + type + "; known: " + new TreeSet<>(keys));
      }
    }
    return switch (type) {
      case "LoadAnnotations" -> {
        if (!t.path("with_bbox").asBoolean(true)) {
          throw new ConfigException(source, path + ".with_bbox", "detection needs boxes");
        }
        masks = t.path("with_mask").asBoolean(false);
        yield null;
      }
      case "RandomFlip" -> {
        if (!t.path("direction").asText("horizontal").equals("horizontal")) {
          throw new ConfigException(source, path + ".direction", "only horizontal flips");
        }
        double p = t.path("flip_ratio").asDouble(0);
        yield testScale == null && p > 0 ? new RandomFlip(p) : null;
      }
      case "Resize" -> resize(t, path, testScale);
      case "RandomCrop" -> {
        if (!t.path("crop_type").asText("").equals("absolute_range")) {
          throw new ConfigException(source, path + ".crop_type", "only absolute_range crops");
        }
        int[] size = pair(t.get("crop_size"), path + ".crop_size");
        yield new RandomBoxCrop(size[0], size[1], t.path("allow_negative_crop").asBoolean(false));
      }
      case "AutoAugment" -> {
        List<Transform> policies = new ArrayList<>();
        JsonNode list = t.path("policies");
        for (int i = 0; i < list.size(); i++) {
          policies.add(steps(list.get(i), path + ".policies[" + i + "]", testScale));
        }
        yield new AutoAugment(policies);
      }
      case "Normalize" ->
          new Normalize(
              triple(t.get("mean"), path + ".mean"),
              triple(t.get("std"), path + ".std"),
              t.path("to_rgb").asBoolean(true));
      case "Pad" -> Pad.toDivisor(t.path("size_divisor").asInt(1));
      case "MultiScaleFlipAug" -> {
        if (t.path("flip").asBoolean(false)) {
          throw new ConfigException(source, path + ".flip", "flip test-time augmentation");
        }
        yield steps(t.path("transforms"), path + ".transforms", pair(t.get("img_scale"), path));
      }
      default -> null;
    };
  }

  private Transform resize(JsonNode t, String path, int[] testScale) {
    JsonNode scale = t.get("img_scale");
    List<int[]> scales = new ArrayList<>();
    if (scale == null) {
      if (testScale == null) {
        throw new ConfigException(source, path + ".img_scale", "missing");
      }
      scales.add(testScale);
    } else if (scale.size() > 0 && scale.get(0).isArray()) {
      for (int i = 0; i < scale.size(); i++) {
        scales.add(pair(scale.get(i), path + ".img_scale[" + i + "]"));
      }
    } else {
      scales.add(pair(scale, path + ".img_scale"));
    }
    JsonNode ratio = t.get("ratio_range");
    double[] ratioRange =
        ratio == null ? null : new double[] {ratio.get(0).asDouble(), ratio.get(1).asDouble()};
    String mode = t.path("multiscale_mode").asText("range");
    if (!mode.equals("range") && !mode.equals("value")) {
      throw new ConfigException(source, path + ".multiscale_mode", "range or value, got " + mode);
    }
    try {
      return new Resize(
          scales,
          scales.size() > 1 && mode.equals("range") ? Resize.Mode.RANGE : Resize.Mode.VALUE,
          ratioRange,
          t.path("keep_ratio").asBoolean(true));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(source, path, e.getMessage());
    }
  }

  private int[] pair(JsonNode n, String path) {
    if (n == null || !n.isArray() || n.size() != 2 || !n.get(0).isNumber()) {
      throw new ConfigException(source, path, "expected two numbers, got " + n);
    }
    return new int[] {n.get(0).asInt(), n.get(1).asInt()};
  }

  private double[] triple(JsonNode n, String path) {
    if (n == null || !n.isArray() || n.size() != 3) {
      throw new ConfigException(source, path, "expected three numbers, got " + n);
    }
    return new double[] {n.get(0).asDouble(), n.get(1).asDouble(), n.get(2).asDouble()};
  }
}
