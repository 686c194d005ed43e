package org.mlpvision.segmentation;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.core.inject.Components;
import org.mlpvision.core.inject.TaskModule;
import org.mlpvision.core.train.TaskRunner;

/**
 * Guice wiring of the segmentation task, found through {@code META-INF/services}: registers {@link
 * SegmentationRunner} as the {@code segmentation} {@link TaskRunner} (recipes with {@code "task":
 * "segmentation"}), binds the recipe, and installs the backbones and heads its models come from
 * ({@link SegmentorModule}).
 */
public final class SegmentationModule extends AbstractModule implements TaskModule {
  @Override
  protected void configure() {
    install(new SegmentorModule());
    Components.register(
        binder(), TaskRunner.class, SegmentationRecipe.TASK, SegmentationRunner.class);
  }

  @Provides
  SegmentationRecipe recipe(ConfigSource source, SegmentorConfigReader models) {
    return SegmentationRecipe.read(source, models);
  }
}
