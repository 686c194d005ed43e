package org.mlpvision.detection.task;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.core.inject.Components;
import org.mlpvision.core.inject.TaskModule;
import org.mlpvision.core.train.TaskRunner;
import org.mlpvision.detection.DetectionModule;

/**
 * Guice wiring of the detection task, found through {@code META-INF/services}: registers {@link
 * DetectionRunner} as the {@code detection} {@link TaskRunner} (recipes with {@code "task":
 * "detection"}), binds the recipe, and installs the detection components its models are built from.
 */
public final class DetectionTaskModule extends AbstractModule implements TaskModule {
  @Override
  protected void configure() {
    install(new DetectionModule());
    Components.register(binder(), TaskRunner.class, DetectionRecipe.TASK, DetectionRunner.class);
  }

  @Provides
  DetectionRecipe recipe(ConfigSource source) {
    return DetectionRecipe.from(source);
  }
}
