package org.mlpvision.zoo;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mlpvision.core.config.ConfigException;
import org.mlpvision.core.config.ConfigLoader;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.core.train.ModelWeights;
import org.mlpvision.core.weights.WeightLoader;
import org.mlpvision.datasets.ade.AdeClasses;
import org.mlpvision.datasets.coco.CategoryMap;
import org.mlpvision.datasets.coco.CocoCategory;
import org.mlpvision.datasets.transform.Normalize;
import org.mlpvision.detection.task.CocoData;
import org.mlpvision.detection.task.DetectionRecipe;
import org.mlpvision.segmentation.SegmentationRecipe;

/**
 * {@code vision export}: a recipe and a checkpoint of it become a model directory. The checkpoint
 * is a run's {@code *.ckpt} or an official mmdet/mmseg state dict ({@code .pth}, {@code
 * .safetensors}), loaded strictly into the recipe's model exactly as {@code vision test} loads it;
 * the directory gets the recipe's model section, its test pipeline, the class names with their COCO
 * category ids (detection: from the test split's annotation file) or palette (segmentation:
 * ADE20K's), and the weights by state-dict name.
 */
public final class ModelExporter {
  private ModelExporter() {}

  /**
   * Exports {@code checkpoint} of the recipe in {@code recipeFile} into {@code out}.
   *
   * @throws ConfigException naming the recipe and the key when it does not describe a model, or
   *     naming the annotation file the class names should come from when it cannot be read
   * @throws IOException when the checkpoint cannot be read
   * @throws IllegalArgumentException naming the checkpoint when its tensors do not fit the model
   */
  public static ModelDirectory export(Path recipeFile, Path checkpoint, Path out)
      throws IOException {
    ConfigSource recipe = ConfigSource.load(recipeFile);
    String task = recipe.root().path("task").asText("");
    ModelMetadata meta =
        switch (task) {
          case DetectionRecipe.TASK -> detection(recipe, recipeFile, checkpoint);
          case SegmentationRecipe.TASK -> segmentation(recipe, recipeFile);
          default ->
              throw new ConfigException(
                  recipe.source(),
                  "task",
                  "only detection and segmentation recipes export, got '" + task + "'");
        };
    ObjectNode source = ConfigLoader.mapper().createObjectNode();
    source.put("config", recipeFile.toString());
    source.put("checkpoint", checkpoint.toString());
    meta =
        new ModelMetadata(
            meta.task(),
            meta.name(),
            meta.classes(),
            meta.categoryIds(),
            meta.palette(),
            meta.testPipeline(),
            meta.model(),
            source);
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      VisionModel model = VisionModel.build(meta, recipe.source(), manager);
      long iteration = ModelWeights.load(model.block(), checkpoint, manager);
      if (iteration >= 0) {
        source.put("iteration", iteration);
      }
      return ModelDirectory.write(out, meta, WeightLoader.stateDict(model.block()));
    }
  }

  /** Class names and category ids from the annotations of {@code data.test}, as test reads them. */
  private static ModelMetadata detection(ConfigSource src, Path recipeFile, Path checkpoint) {
    DetectionRecipe recipe = DetectionRecipe.from(src);
    // A run's synthesized data set lives in its work directory, the checkpoint folder's parent.
    Path workDir = checkpoint.toAbsolutePath().getParent();
    if (workDir.getFileName() != null && workDir.getFileName().toString().equals("checkpoints")) {
      workDir = workDir.getParent();
    }
    Path ann = recipe.data().rootFor(workDir).resolve(recipe.data().test().annFile());
    if (recipe.data().synth() == null && !Files.isRegularFile(ann)) {
      throw new ConfigException(
          src.source(),
          "data.test.ann_file",
          "the class names and COCO category ids come from the test annotations, but "
              + ann
              + " is missing");
    }
    // Labels number the categories by id, as training and evaluation do (CategoryMap).
    CategoryMap cats =
        new CocoData(recipe.data(), workDir, src.source())
            .dataset(recipe.data().test())
            .categoryMap();
    List<String> names = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    for (int label = 0; label < cats.size(); label++) {
      CocoCategory c = cats.category(label);
      names.add(c.name());
      ids.add(c.id());
    }
    return new ModelMetadata(
        ModelTask.DETECTION,
        stem(recipeFile),
        names,
        ids,
        List.of(),
        recipe.data().test().pipeline(),
        src.root().get("model").deepCopy(),
        null);
  }

  /** ADE20K's class names and palette; mmseg's test pipeline at the recipe's scale. */
  private static ModelMetadata segmentation(ConfigSource src, Path recipeFile) {
    SegmentationRecipe recipe = SegmentationRecipe.read(src, VisionModel.segmentors());
    int k = recipe.model().numClasses();
    if (k > AdeClasses.COUNT) {
      throw new ConfigException(
          src.source(),
          "model.decode_head.num_classes",
          k + " classes, but the ADE20K table that names them has " + AdeClasses.COUNT);
    }
    AdeClasses ade = AdeClasses.standard();
    List<int[]> palette = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      palette.add(ade.colour(c));
    }
    ObjectNode model = src.root().get("model").deepCopy();
    // The weights travel in the directory; a path to ImageNet weights would only mislead.
    model.putNull("pretrained");
    List<Integer> scale = recipe.data().pipeline().imgScale();
    return new ModelMetadata(
        ModelTask.SEGMENTATION,
        stem(recipeFile),
        ade.names().subList(0, k),
        List.of(),
        palette,
        mmsegTestPipeline(scale.get(0), scale.get(1)),
        model,
        null);
  }

  /**
   * mmseg's ADE20K test pipeline ({@code configs/_base_/datasets/ade20k.py}) at {@code [w, h]}: the
   * list form of the recipe's test transforms (resize keeping the ratio, ImageNet normalization, no
   * padding).
   */
  static JsonNode mmsegTestPipeline(int w, int h) {
    ArrayNode list = ConfigLoader.mapper().createArrayNode();
    list.addObject().put("type", "LoadImageFromFile");
    ObjectNode aug = list.addObject().put("type", "MultiScaleFlipAug");
    aug.putArray("img_scale").add(w).add(h);
    aug.put("flip", false);
    ArrayNode steps = aug.putArray("transforms");
    steps.addObject().put("type", "Resize").put("keep_ratio", true);
    steps.addObject().put("type", "RandomFlip");
    ObjectNode norm = steps.addObject().put("type", "Normalize");
    ArrayNode mean = norm.putArray("mean");
    ArrayNode std = norm.putArray("std");
    for (int c = 0; c < 3; c++) {
      mean.add(Normalize.IMAGENET_MEAN[c]);
      std.add(Normalize.IMAGENET_STD[c]);
    }
    norm.put("to_rgb", true);
    steps.addObject().put("type", "ImageToTensor").putArray("keys").add("img");
    steps.addObject().put("type", "Collect").putArray("keys").add("img");
    return list;
  }

  private static String stem(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
  }
}
