package org.mlpvision.detection.task;

import java.nio.file.Path;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.core.inject.Tasks;
import org.mlpvision.core.train.RunOptions;
import org.mlpvision.detection.testing.TinyRecipe;

/**
 * Subprocess of {@link DetectionKillResumeTest}: trains the tiny recipe in a work directory until
 * the test kills it. Arguments: work directory, iterations, checkpoint period.
 */
public final class KillResumeMain {
  private KillResumeMain() {}

  /** Runs the training. */
  public static void main(String[] args) throws Exception {
    String json =
        TinyRecipe.json(
            Integer.parseInt(args[1]), Integer.parseInt(args[2]), DetectionKillResumeTest.SEED);
    Tasks.runner(Tasks.injector(ConfigSource.of("tiny.json", json)))
        .train(new RunOptions(Path.of(args[0]), false, null, "cpu", false));
  }
}
