package org.mlpvision.core.train;

import java.nio.file.Path;
import java.util.Map;

/**
 * A task as the command line sees it: trains its recipe and tests a checkpoint of it. A runner is
 * made per recipe by Guice ({@link org.mlpvision.core.inject.Tasks}), with an {@code @Inject}
 * constructor taking the recipe's typed sections (its {@code runtime} comes from {@link
 * org.mlpvision.core.inject.ConfigModule}); tasks register it under their recipes' {@code task}
 * name ({@code classification}, ...) in their {@link org.mlpvision.core.inject.TaskModule}.
 */
public interface TaskRunner {
  /**
   * Trains the recipe with the shared {@link TrainLoop}.
   *
   * @return the run's summary; its {@code validation} holds the final evaluation's metrics
   */
  TrainResult train(RunOptions options) throws Exception;

  /**
   * Evaluates a checkpoint of the recipe on its validation data, with the same inference driver and
   * evaluator as the training's evaluation hook.
   *
   * @param device {@code auto}, {@code cpu} or {@code gpu:N}, or null for the recipe's {@code
   *     runtime.device}
   * @return named metrics, for example {@code top1}
   */
  Map<String, Double> test(Path checkpoint, String device) throws Exception;

  /**
   * Evaluates a checkpoint with {@code vision test}'s options. Runners without task-specific test
   * options (inference mode, aug-test, prediction images, results file) need not override it.
   *
   * @throws IllegalArgumentException when a task-specific option is set and not supported
   */
  default Map<String, Double> test(TestOptions options) throws Exception {
    options.requireOnly("this task's");
    return test(options.checkpoint(), options.device());
  }
}
