package org.mlpvision.classification;

import com.google.inject.AbstractModule;
import org.mlpvision.backbone.BackboneModule;
import org.mlpvision.core.inject.Components;
import org.mlpvision.core.train.TaskRunner;

/**
 * Guice wiring of the classification task: registers {@link ClassificationRunner} as the {@code
 * classification} {@link TaskRunner} (recipes with {@code "task": "classification"}) and installs
 * the backbone registry its models come from.
 */
public final class ClassificationModule extends AbstractModule {
  @Override
  protected void configure() {
    install(new BackboneModule());
    Components.register(
        binder(), TaskRunner.class, ClassificationRecipe.TASK, ClassificationRunner.class);
  }
}
