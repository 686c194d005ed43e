package org.mlpvision.zoo;

import ai.djl.repository.zoo.ModelZoo;
import ai.djl.repository.zoo.ZooProvider;

/**
 * Registers the {@link VisionModelZoo} with DJL through {@code
 * META-INF/services/ai.djl.repository.zoo.ZooProvider}, and with it the {@code file:} repository
 * factory that recognises model directories ({@link ModelDirectoryRepositoryFactory}), so that
 * {@code Criteria.builder().setTypes(Image.class, DetectedObjects.class).optModelPath(dir)} needs
 * nothing else.
 */
public final class VisionZooProvider implements ZooProvider {
  @Override
  public ModelZoo getModelZoo() {
    ModelDirectoryRepositoryFactory.register();
    return new VisionModelZoo();
  }
}
