package org.mlpvision.zoo;

import ai.djl.Application;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.mlpvision.core.config.ConfigException;
import org.mlpvision.core.config.ConfigLoader;
import org.mlpvision.datasets.coco.CategoryMap;
import org.mlpvision.datasets.coco.CocoCategory;

/**
 * The contents of a model directory's {@code model.json} (format {@value #FORMAT}, version {@value
 * #VERSION}): what the model is and how to feed it, everything but the weights.
 *
 * @param task what it predicts
 * @param name a short name (the recipe's file stem by default)
 * @param classes class names by label ({@code 0..K-1})
 * @param categoryIds detection: the COCO category id of each label, as the training annotations
 *     numbered them (written into COCO results files); empty for segmentation
 * @param palette segmentation: the {@code {r, g, b}} colour of each class; empty for detection
 * @param testPipeline the test pipeline as an mmdet/mmseg pipeline list ({@code LoadImageFromFile},
 *     {@code MultiScaleFlipAug} with {@code Resize}, {@code Normalize}, {@code Pad}, ...)
 * @param model the recipe's {@code model} section (mmdet/mmseg's model dict)
 * @param source where it was exported from ({@code config}, {@code checkpoint}, {@code iteration});
 *     informational
 */
public record ModelMetadata(
    ModelTask task,
    String name,
    List<String> classes,
    List<Long> categoryIds,
    List<int[]> palette,
    JsonNode testPipeline,
    JsonNode model,
    JsonNode source) {
  /** The {@code format} value of every model directory. */
  public static final String FORMAT = "mlpvision-model";

  /** The {@code format_version} this code writes and the newest it reads. */
  public static final int VERSION = 1;

  private static final Set<String> KEYS =
      Set.of(
          "format",
          "format_version",
          "task",
          "name",
          "classes",
          "category_ids",
          "palette",
          "test_pipeline",
          "model",
          "source");

  /** Copies the lists and checks that they agree with the task and with each other. */
  public ModelMetadata {
    classes = List.copyOf(classes);
    categoryIds = List.copyOf(categoryIds);
    palette = palette.stream().map(int[]::clone).toList();
    if (classes.isEmpty()) {
      throw new IllegalArgumentException("a model needs at least one class name");
    }
    if (new HashSet<>(classes).size() != classes.size()) {
      throw new IllegalArgumentException("class names must be distinct: " + classes);
    }
    if (task == ModelTask.DETECTION && categoryIds.size() != classes.size()) {
      throw new IllegalArgumentException(
          classes.size() + " class names but " + categoryIds.size() + " category ids");
    }
    if (task == ModelTask.SEGMENTATION && palette.size() != classes.size()) {
      throw new IllegalArgumentException(
          classes.size() + " class names but " + palette.size() + " palette colours");
    }
    if (testPipeline == null || !testPipeline.isArray()) {
      throw new IllegalArgumentException("the test pipeline must be a list of steps");
    }
    if (model == null || !model.isObject()) {
      throw new IllegalArgumentException("the model section must be an object");
    }
  }

  /** Number of classes. */
  public int numClasses() {
    return classes.size();
  }

  /**
   * DJL's application: instance segmentation for a detector with a mask head, object detection for
   * one without, semantic segmentation for a segmentor.
   */
  public Application application() {
    if (task == ModelTask.SEGMENTATION) {
      return Application.CV.SEMANTIC_SEGMENTATION;
    }
    JsonNode mask = model.path("roi_head").path("mask_head");
    return mask.isMissingNode() || mask.isNull()
        ? Application.CV.OBJECT_DETECTION
        : Application.CV.INSTANCE_SEGMENTATION;
  }

  /**
   * Detection: label to COCO category, as COCO results files need it.
   *
   * @throws IllegalStateException for a segmentation model
   */
  public CategoryMap categoryMap() {
    if (task != ModelTask.DETECTION) {
      throw new IllegalStateException("a " + task + " model has no COCO categories");
    }
    List<CocoCategory> cats = new ArrayList<>();
    for (int i = 0; i < classes.size(); i++) {
      cats.add(new CocoCategory(categoryIds.get(i), classes.get(i), ""));
    }
    return new CategoryMap(cats);
  }

  /** The {@code model.json} document. */
  public ObjectNode toJson() {
    ObjectNode root = ConfigLoader.mapper().createObjectNode();
    root.put("format", FORMAT);
    root.put("format_version", VERSION);
    root.put("task", task.key());
    root.put("name", name);
    ArrayNode names = root.putArray("classes");
    classes.forEach(names::add);
    if (task == ModelTask.DETECTION) {
      ArrayNode ids = root.putArray("category_ids");
      categoryIds.forEach(ids::add);
    } else {
      ArrayNode colours = root.putArray("palette");
      for (int[] c : palette) {
        colours.addArray().add(c[0]).add(c[1]).add(c[2]);
      }
    }
    root.set("test_pipeline", testPipeline);
    root.set("model", model);
    if (source != null) {
      root.set("source", source);
    }
    return root;
  }

  /**
   * Reads a {@code model.json} document strictly.
   *
   * @param file its name, for errors
   * @throws ConfigException naming the file and the field: another format, a newer version, an
   *     unknown or missing key, a value of the wrong kind
   */
  public static ModelMetadata fromJson(JsonNode root, String file) {
    if (!root.isObject()) {
      throw new ConfigException(file, "", "a model.json must be a JSON object");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        throw new ConfigException(
            file, key, "unknown key '" + key + "'; known keys: " + new TreeSet<>(KEYS));
      }
    }
    if (!FORMAT.equals(root.path("format").asText(null))) {
      throw new ConfigException(
          file, "format", "expected '" + FORMAT + "', got " + root.get("format"));
    }
    JsonNode version = root.get("format_version");
    if (version == null || !version.canConvertToExactIntegral() || version.asInt() < 1) {
      throw new ConfigException(file, "format_version", "expected 1, got " + version);
    }
    if (version.asInt() > VERSION) {
      throw new ConfigException(
          file,
          "format_version",
          version.asInt()
              + " was written by a newer MLPVision; this one reads versions up to "
              + VERSION);
    }
    ModelTask task;
    try {
      task = ModelTask.of(text(root, "task", file));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(file, "task", e.getMessage());
    }
    List<String> classes = new ArrayList<>();
    for (JsonNode n : array(root, "classes", file)) {
      if (!n.isTextual()) {
        throw new ConfigException(file, "classes", "expected class names, found " + n);
      }
      classes.add(n.asText());
    }
    List<Long> ids = new ArrayList<>();
    List<int[]> palette = new ArrayList<>();
    if (task == ModelTask.DETECTION) {
      Set<Long> seen = new HashSet<>();
      for (JsonNode n : array(root, "category_ids", file)) {
        if (!n.canConvertToExactIntegral() || !seen.add(n.asLong())) {
          throw new ConfigException(file, "category_ids", "expected distinct integers, found " + n);
        }
        ids.add(n.asLong());
      }
      if (ids.size() != classes.size()) {
        throw new ConfigException(
            file,
            "category_ids",
            ids.size() + " ids for " + classes.size() + " classes; one per class");
      }
    } else {
      for (JsonNode n : array(root, "palette", file)) {
        if (!n.isArray()
            || n.size() != 3
            || !n.get(0).canConvertToExactIntegral()
            || !n.get(1).canConvertToExactIntegral()
            || !n.get(2).canConvertToExactIntegral()) {
          throw new ConfigException(file, "palette", "expected [r, g, b] triples, found " + n);
        }
        int[] c = {n.get(0).asInt(), n.get(1).asInt(), n.get(2).asInt()};
        for (int v : c) {
          if (v < 0 || v > 255) {
            throw new ConfigException(file, "palette", "colour values are 0..255, found " + n);
          }
        }
        palette.add(c);
      }
      if (palette.size() != classes.size()) {
        throw new ConfigException(
            file,
            "palette",
            palette.size() + " colours for " + classes.size() + " classes; one per class");
      }
    }
    if (classes.isEmpty() || new HashSet<>(classes).size() != classes.size()) {
      throw new ConfigException(
          file, "classes", "expected at least one class name, all distinct, got " + classes);
    }
    JsonNode model = root.get("model");
    if (model == null || !model.isObject()) {
      throw new ConfigException(file, "model", "expected the model section, found " + model);
    }
    return new ModelMetadata(
        task,
        text(root, "name", file),
        classes,
        ids,
        palette,
        array(root, "test_pipeline", file),
        model,
        root.get("source"));
  }

  private static String text(JsonNode root, String key, String file) {
    JsonNode n = root.get(key);
    if (n == null || !n.isTextual() || n.asText().isEmpty()) {
      throw new ConfigException(file, key, "expected a non-empty string, found " + n);
    }
    return n.asText();
  }

  private static JsonNode array(JsonNode root, String key, String file) {
    JsonNode n = root.get(key);
    if (n == null || !n.isArray()) {
      throw new ConfigException(file, key, "expected a list, found " + n);
    }
    return n;
  }
}
