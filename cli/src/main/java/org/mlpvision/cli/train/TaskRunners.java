package org.mlpvision.cli.train;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.TypeLiteral;
import java.util.List;
import java.util.Map;
import org.mlpvision.classification.ClassificationModule;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.core.inject.Components;
import org.mlpvision.core.inject.ConfigModule;
import org.mlpvision.core.train.TaskRunner;

/**
 * Finds the {@link TaskRunner} of a recipe by its {@code task} key through the Guice registry; each
 * task's module is listed here once.
 */
final class TaskRunners {
  /** Modules that register task runners. */
  private static final List<Module> TASKS = List.of(new ClassificationModule());

  private TaskRunners() {}

  /** The runner for {@code config}'s {@code task} (default {@code classification}). */
  static TaskRunner forRecipe(ConfigSource config) {
    Injector injector =
        Guice.createInjector(
            com.google.inject.util.Modules.combine(
                new ConfigModule(config), com.google.inject.util.Modules.combine(TASKS)));
    Map<String, TaskRunner> runners =
        injector.getInstance(Key.get(new TypeLiteral<Map<String, TaskRunner>>() {}));
    String task = config.root().path("task").asText("classification");
    return Components.select(runners, task, "task");
  }
}
