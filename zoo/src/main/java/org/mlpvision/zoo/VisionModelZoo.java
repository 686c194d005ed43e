package org.mlpvision.zoo;

import ai.djl.repository.MRL;
import ai.djl.repository.Repository;
import ai.djl.repository.zoo.BaseModelLoader;
import ai.djl.repository.zoo.ModelLoader;
import ai.djl.repository.zoo.ModelZoo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model directories under a models root as a DJL {@link ModelZoo} (group {@value #GROUP_ID}):
 * each folder holding a {@code model.json} is a model whose artifact id is the folder's name, so
 * {@code Criteria.builder().setTypes(Image.class, DetectedObjects.class)
 * .optArtifactId("cascade_mask_rcnn_as_mlp_tiny")} finds {@code
 * <root>/cascade_mask_rcnn_as_mlp_tiny}. The root is the system property {@value #ROOT_PROPERTY},
 * else the environment variable {@value #ROOT_ENV}; it is read on every lookup, and without one the
 * zoo is empty.
 */
public final class VisionModelZoo extends ModelZoo {
  private static final Logger LOG = LoggerFactory.getLogger(VisionModelZoo.class);

  /** The zoo's group id. */
  public static final String GROUP_ID = "org.mlpvision";

  /** The system property naming the models root. */
  public static final String ROOT_PROPERTY = "mlpvision.models";

  /** The environment variable naming the models root when the property is unset. */
  public static final String ROOT_ENV = "MLPVISION_MODELS";

  @Override
  public String getGroupId() {
    return GROUP_ID;
  }

  @Override
  public Set<String> getSupportedEngines() {
    return Set.of("PyTorch");
  }

  /** One loader per model directory under the root, by folder name. */
  @Override
  public List<ModelLoader> getModelLoaders() {
    Path root = root();
    List<ModelLoader> loaders = new ArrayList<>();
    if (root == null || !Files.isDirectory(root)) {
      return loaders;
    }
    List<Path> dirs;
    try (Stream<Path> list = Files.list(root)) {
      dirs =
          list.filter(d -> Files.isRegularFile(d.resolve(ModelDirectory.MODEL_FILE)))
              .sorted()
              .toList();
    } catch (IOException e) {
      LOG.warn("cannot list the models root {}: {}", root, e.toString());
      return loaders;
    }
    for (Path dir : dirs) {
      // DJL asks every zoo for loaders: one broken directory must not fail other lookups.
      try {
        loaders.add(loader(dir));
      } catch (IOException | RuntimeException e) {
        LOG.warn("skipping model directory {}: {}", dir, e.getMessage());
      }
    }
    return loaders;
  }

  @Override
  public ModelLoader getModelLoader(String name) {
    return getModelLoaders().stream()
        .filter(l -> l.getArtifactId().equals(name))
        .findFirst()
        .orElse(null);
  }

  /** The models root, or null when neither the property nor the variable is set. */
  public static Path root() {
    String root = System.getProperty(ROOT_PROPERTY);
    if (root == null || root.isBlank()) {
      root = System.getenv(ROOT_ENV);
    }
    return root == null || root.isBlank() ? null : Path.of(root);
  }

  /**
   * DJL's loader of one directory; the application comes from its {@code model.json}, so {@code
   * optApplication} filters too.
   */
  private static ModelLoader loader(Path dir) throws IOException {
    String id = dir.getFileName().toString();
    Path abs = dir.toAbsolutePath();
    Repository repo = new ModelDirectoryRepository(id, abs.toUri(), abs);
    MRL mrl = repo.model(ModelDirectory.open(dir).metadata().application(), GROUP_ID, id);
    return new BaseModelLoader(mrl);
  }
}
