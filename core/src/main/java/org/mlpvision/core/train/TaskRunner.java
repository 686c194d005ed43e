package org.mlpvision.core.train;

import java.nio.file.Path;
import java.util.Map;
import org.mlpvision.core.config.ConfigSource;

/**
 * A task as the command line sees it: trains from a recipe and tests a checkpoint. Tasks register
 * one under their recipe's {@code task} name ({@code classification}, ...) in a Guice registry.
 */
public interface TaskRunner {
  /** Trains the recipe {@code config}. */
  TrainResult train(ConfigSource config, RunOptions options) throws Exception;

  /**
   * Evaluates a checkpoint on the recipe's validation data.
   *
   * @return named metrics, for example {@code top1}
   */
  Map<String, Double> test(ConfigSource config, Path checkpoint, String device) throws Exception;
}
