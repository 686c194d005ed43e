package org.mlpvision.zoo;

import ai.djl.modality.cv.Image;
import ai.djl.repository.zoo.Criteria;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.mlpvision.core.config.ConfigException;
import org.mlpvision.core.config.ConfigLoader;
import org.mlpvision.core.io.RegularFiles;
import org.mlpvision.core.weights.StateDict;

/**
 * A model directory, the unit {@code vision export} writes and applications load:
 *
 * <ul>
 *   <li>{@value #MODEL_FILE}: the {@link ModelMetadata} (format {@code mlpvision-model}, a {@code
 *       format_version}, task, class names, COCO category ids or palette, test pipeline, the
 *       recipe's model section);
 *   <li>{@value #WEIGHTS_FILE}: every tensor under its mmdet/mmseg state-dict name;
 *   <li>{@value #SERVING_FILE}: DJL's own convention, naming this module's block and translator
 *       factories, so that {@code Criteria.builder().optModelPath(dir)} loads the directory with no
 *       further settings.
 * </ul>
 *
 * <p>Load it through DJL: {@code ModelDirectory.open(dir).criteria(DetectedObjects.class)
 * .optDevice(device).build().loadModel()}, or the same criteria written out by hand.
 */
public final class ModelDirectory {
  /** The metadata file. */
  public static final String MODEL_FILE = "model.json";

  /** The weights file. */
  public static final String WEIGHTS_FILE = "weights.safetensors";

  /** DJL's loading settings. */
  public static final String SERVING_FILE = "serving.properties";

  private final Path path;
  private final ModelMetadata metadata;

  private ModelDirectory(Path path, ModelMetadata metadata) {
    this.path = path;
    this.metadata = metadata;
  }

  /**
   * Reads and checks a model directory: its three files must be there and {@value #MODEL_FILE} must
   * be a model of a format version this code reads.
   *
   * @throws IOException naming the directory or the missing file
   * @throws ConfigException naming {@value #MODEL_FILE} and the field that is wrong
   */
  public static ModelDirectory open(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException(
          dir
              + ": not a model directory ("
              + (Files.exists(dir) ? "not a folder" : "missing")
              + ")");
    }
    for (String name : new String[] {MODEL_FILE, WEIGHTS_FILE, SERVING_FILE}) {
      Optional<String> problem = RegularFiles.problem(dir.resolve(name), "a model file");
      if (problem.isPresent()) {
        throw new IOException(
            dir.resolve(name)
                + ": "
                + problem.get()
                + "; a model directory holds "
                + MODEL_FILE
                + ", "
                + WEIGHTS_FILE
                + " and "
                + SERVING_FILE
                + " (vision export writes them)");
      }
    }
    Path file = dir.resolve(MODEL_FILE);
    return new ModelDirectory(
        dir, ModelMetadata.fromJson(ConfigLoader.readTree(file), file.toString()));
  }

  /**
   * Writes a model directory (created when missing; the three files replaced).
   *
   * @param weights the model's tensors by state-dict name
   */
  public static ModelDirectory write(Path dir, ModelMetadata metadata, StateDict weights)
      throws IOException {
    Files.createDirectories(dir);
    weights.writeSafetensors(dir.resolve(WEIGHTS_FILE));
    Files.writeString(
        dir.resolve(MODEL_FILE),
        ConfigLoader.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(metadata.toJson())
            + "\n",
        StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(SERVING_FILE), servingProperties(), StandardCharsets.UTF_8);
    return new ModelDirectory(dir, metadata);
  }

  /** The serving.properties every model directory carries. */
  static String servingProperties() {
    return String.join(
        "\n",
        "# How DJL's Criteria loads this directory; the model itself is described in model.json.",
        "engine=PyTorch",
        "blockFactory=" + VisionBlockFactory.class.getName(),
        "translatorFactory=" + VisionTranslatorFactory.class.getName(),
        // The block factory loads weights.safetensors; there is no DJL .params file.
        "option.hasParameter=false",
        "");
  }

  /** The directory. */
  public Path path() {
    return path;
  }

  /** What {@value #MODEL_FILE} says. */
  public ModelMetadata metadata() {
    return metadata;
  }

  /** The weights file. */
  public Path weights() {
    return path.resolve(WEIGHTS_FILE);
  }

  /**
   * DJL criteria for this directory with images in and {@code output} out: {@code DetectedObjects},
   * {@code CategoryMask}, {@code float[]} (a pooled embedding) or {@code NDList} (named feature
   * maps; see {@link VisionTranslatorFactory}). Add {@code optDevice}, {@code
   * optArgument("threshold", ...)} and build.
   */
  public <O> Criteria.Builder<Image, O> criteria(Class<O> output) {
    return Criteria.builder().setTypes(Image.class, output).optModelPath(path);
  }

  @Override
  public String toString() {
    return path + " (" + metadata.task() + " " + metadata.name() + ")";
  }
}
