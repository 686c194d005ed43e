package org.mlpvision.zoo.testing;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.output.DetectedObjects;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.repository.zoo.ZooModel;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mlpvision.core.config.ConfigLoader;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.core.weights.WeightLoader;
import org.mlpvision.detection.task.DetectionRecipe;
import org.mlpvision.detection.testing.TinyDetectors;
import org.mlpvision.segmentation.SegmentationRecipe;
import org.mlpvision.segmentation.data.AdeData;
import org.mlpvision.segmentation.testing.Recipes;
import org.mlpvision.zoo.ModelDirectory;
import org.mlpvision.zoo.ModelExporter;

/**
 * Tiny exported models for tests: the tiny recipes of the detection and segmentation tests (their
 * synthetic data generated into {@code <dir>/run}), seeded random weights saved as a state dict in
 * {@code <dir>/run/weights.safetensors} (what an official checkpoint converted to safetensors is),
 * and that checkpoint exported into {@code <dir>/model}.
 *
 * @param recipe the recipe file
 * @param checkpoint the state dict file, inside the run's work directory
 * @param model the exported model directory
 */
public record TinyModels(Path recipe, Path checkpoint, ModelDirectory model) {
  /**
   * The exported detector through DJL's {@code Criteria}, every detection (threshold 0), on the
   * CPU.
   */
  public ZooModel<Image, DetectedObjects> loadDetector() throws Exception {
    return model()
        .criteria(DetectedObjects.class)
        .optArgument("threshold", 0)
        .optDevice(Device.cpu())
        .build()
        .loadModel();
  }

  /** The run's work directory, where the synthetic data set lives. */
  public Path workDir() {
    return checkpoint.getParent();
  }

  /** The tiny Cascade Mask R-CNN (4 shape classes) on 6 + 3 images of 96x64. */
  public static TinyModels detection(Path dir) throws IOException {
    String json = org.mlpvision.detection.testing.TinyRecipe.json(1, 1, 5);
    Path recipe = write(dir.resolve("tiny_detection.json"), json);
    DetectionRecipe r = DetectionRecipe.from(ConfigSource.of(recipe.toString(), json));
    Block model = TinyDetectors.factory().build(r.model(), recipe.toString(), "model");
    return export(dir, recipe, model);
  }

  /** The tiny UperNet (150 ADE20K classes) on 8 + 2 images of 64x64. */
  public static TinyModels segmentation(Path dir) throws IOException {
    String json = org.mlpvision.segmentation.testing.TinyRecipe.json(1, 1, 5);
    Path recipe = write(dir.resolve("tiny_segmentation.json"), json);
    SegmentationRecipe r =
        SegmentationRecipe.read(ConfigSource.of(recipe.toString(), json), Recipes.reader());
    // Export reads no data (ADE20K names the classes); the images are generated for the tests.
    new AdeData(r.data(), dir.resolve("run"));
    return export(dir, recipe, r.model().build());
  }

  /** The entries of a COCO results file, by image id (in file order within an image). */
  public static Map<Long, List<JsonNode>> resultsByImage(Path results) {
    Map<Long, List<JsonNode>> out = new TreeMap<>();
    for (JsonNode n : ConfigLoader.readTree(results)) {
      out.computeIfAbsent(n.get("image_id").asLong(), k -> new ArrayList<>()).add(n);
    }
    return out;
  }

  private static TinyModels export(Path dir, Path recipe, Block model) throws IOException {
    Path checkpoint = dir.resolve("run").resolve("weights.safetensors");
    Files.createDirectories(checkpoint.getParent());
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      Engine.getInstance().setRandomSeed(5);
      model.initialize(m, DataType.FLOAT32, new Shape(1, 3, 64, 64));
      WeightLoader.stateDict(model).writeSafetensors(checkpoint);
    }
    return new TinyModels(
        recipe, checkpoint, ModelExporter.export(recipe, checkpoint, dir.resolve("model")));
  }

  private static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }
}
