package org.mlpvision.core.inject;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Provider;
import com.google.inject.ProvisionException;
import com.google.inject.TypeLiteral;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;
import org.mlpvision.core.config.ConfigException;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.core.train.TaskRunner;

/**
 * The production wiring of a recipe: one Guice injector per recipe from {@link ConfigModule} (the
 * document and its {@code runtime} section) and every {@link TaskModule} on the class path, and the
 * {@link TaskRunner} its {@code task} key names. Only the selected runner is constructed, so a
 * recipe is bound strictly by its own task alone.
 */
public final class Tasks {
  private static final Key<Map<String, Provider<TaskRunner>>> RUNNERS =
      Key.get(new TypeLiteral<Map<String, Provider<TaskRunner>>>() {});

  private Tasks() {}

  /** The task modules listed in {@code META-INF/services} on the class path. */
  public static List<TaskModule> modules() {
    List<TaskModule> out = new ArrayList<>();
    ServiceLoader.load(TaskModule.class).forEach(out::add);
    return out;
  }

  /** The injector of {@code recipe}: its config, its runtime section and every task's bindings. */
  public static Injector injector(ConfigSource recipe) {
    List<Module> modules = new ArrayList<>();
    modules.add(new ConfigModule(recipe));
    modules.addAll(modules());
    return Guice.createInjector(modules);
  }

  /**
   * The runner of the recipe bound in {@code injector}, by its {@code task} key.
   *
   * @throws ConfigException naming the file when {@code task} is missing or names no registered
   *     task (the known ones are listed), or naming file, key and value when the runner's sections
   *     do not bind
   */
  public static TaskRunner runner(Injector injector) {
    ConfigSource recipe = injector.getInstance(ConfigSource.class);
    Map<String, Provider<TaskRunner>> runners = injector.getInstance(RUNNERS);
    String task = recipe.root().path("task").asText("");
    Provider<TaskRunner> runner = runners.get(task);
    if (runner == null) {
      throw new ConfigException(
          recipe.source(),
          "task",
          (task.isEmpty() ? "missing task" : "unknown task '" + task + "'")
              + "; known: "
              + new TreeSet<>(runners.keySet()));
    }
    try {
      return runner.get();
    } catch (ProvisionException e) {
      // A recipe error (ConfigException) is the message users need, not Guice's wrapping.
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }
}
