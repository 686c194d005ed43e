package org.mlpvision.core.train;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;

/**
 * Subprocess of {@link KillResumeTest}: trains the tiny task slowly so that the test can kill it
 * with SIGKILL after a checkpoint appears. Arguments: work directory, iterations, checkpoint
 * period, sleep per batch in milliseconds.
 */
public final class KillResumeMain {
  private KillResumeMain() {}

  /** Runs the training. */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int iters = Integer.parseInt(args[1]);
    int every = Integer.parseInt(args[2]);
    long sleep = Long.parseLong(args[3]);
    try (NDManager m = NDManager.newBaseManager()) {
      TinyTask task = new TinyTask(m, KillResumeTest.SEED, 8, sleep);
      task.sampleHalf = true;
      TrainLoop.builder(task, KillResumeTest.config(iters, every))
          .workDir(dir)
          .seed(KillResumeTest.SEED)
          .build()
          .run(false);
    }
  }
}
