package org.mlpvision.segmentation;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.core.inject.Tasks;
import org.mlpvision.core.testing.KillResumeCheck;
import org.mlpvision.core.train.TaskRunner;
import org.mlpvision.segmentation.testing.TinyRecipe;

/**
 * A segmentation run killed with SIGKILL and resumed ends with exactly the weights and the
 * per-iteration losses of an uninterrupted run: the loader's batches, the crops and flips, dropout
 * and drop path all resume.
 */
class SegmentationKillResumeTest {
  static final long SEED = 11;
  private static final int ITERS = 12;
  private static final int EVERY = 2;

  @TempDir Path dir;

  private static TaskRunner runner() {
    return Tasks.runner(
        Tasks.injector(ConfigSource.of("tiny.json", TinyRecipe.json(ITERS, EVERY, SEED))));
  }

  @Test
  void aKilledAndResumedRunEqualsAnUninterruptedOne() throws Exception {
    KillResumeCheck.assertResumedRunEqualsUninterrupted(
        SegmentationKillResumeTest::runner, KillResumeMain.class, dir, ITERS, EVERY);
  }
}
