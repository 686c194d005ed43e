package org.mlpvision.zoo;

import ai.djl.repository.SimpleRepository;
import java.net.URI;
import java.nio.file.Path;

/**
 * DJL's repository of one model directory: a local {@link SimpleRepository} whose artifact names
 * {@link VisionTranslatorFactory} as its {@code translatorFactory} argument. DJL's model loader
 * picks the translator factory from the artifact's arguments before it reads {@code
 * serving.properties} (which still names the block factory), so the argument must come from the
 * repository.
 */
final class ModelDirectoryRepository extends SimpleRepository {
  /**
   * @param name the repository name (the artifact id)
   * @param uri the directory's URI
   * @param path the directory
   */
  ModelDirectoryRepository(String name, URI uri, Path path) {
    super(name, uri, path);
    arguments.putIfAbsent("translatorFactory", VisionTranslatorFactory.class.getName());
  }
}
