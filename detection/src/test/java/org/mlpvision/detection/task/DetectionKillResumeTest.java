package org.mlpvision.detection.task;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.core.inject.Tasks;
import org.mlpvision.core.testing.KillResumeCheck;
import org.mlpvision.core.train.TaskRunner;
import org.mlpvision.detection.testing.TinyRecipe;

/**
 * A detection run killed with SIGKILL and resumed ends with exactly the weights, per-iteration
 * losses and final AP of an uninterrupted run: the loader's batches, flips, the RPN and RoI
 * samplers (drawn from the step's random stream) all resume.
 */
class DetectionKillResumeTest {
  static final long SEED = 11;
  private static final int ITERS = 6;
  private static final int EVERY = 2;

  @TempDir Path dir;

  private static TaskRunner runner() {
    return Tasks.runner(
        Tasks.injector(ConfigSource.of("tiny.json", TinyRecipe.json(ITERS, EVERY, SEED))));
  }

  @Test
  void aKilledAndResumedRunEqualsAnUninterruptedOne() throws Exception {
    KillResumeCheck.assertResumedRunEqualsUninterrupted(
        DetectionKillResumeTest::runner, KillResumeMain.class, dir, ITERS, EVERY);
  }
}
