package org.mlpvision.classification;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import org.mlpvision.backbone.BackboneModule;
import org.mlpvision.backbone.Backbones;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.core.inject.Components;
import org.mlpvision.core.inject.TaskModule;
import org.mlpvision.core.train.TaskRunner;

/**
 * Guice wiring of the classification task, found through {@code META-INF/services}: registers
 * {@link ClassificationRunner} as the {@code classification} {@link TaskRunner} (recipes with
 * {@code "task": "classification"}), binds the recipe, and installs the backbone registry its
 * models come from.
 */
public final class ClassificationModule extends AbstractModule implements TaskModule {
  @Override
  protected void configure() {
    install(new BackboneModule());
    Components.register(
        binder(), TaskRunner.class, ClassificationRecipe.TASK, ClassificationRunner.class);
  }

  @Provides
  ClassificationRecipe recipe(ConfigSource source, Backbones backbones) {
    return ClassificationRecipe.from(source, backbones);
  }
}
