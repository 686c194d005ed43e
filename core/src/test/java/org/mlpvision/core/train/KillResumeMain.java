package org.mlpvision.core.train;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;

/**
 * Subprocess of {@link KillResumeTest}: trains the wide tiny task slowly, from scratch, so that the
 * test can kill it with SIGKILL at a point of its choosing. Arguments: work directory, seed, sleep
 * per batch in milliseconds.
 */
public final class KillResumeMain {
  private KillResumeMain() {}

  /** Runs the training. */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long seed = Long.parseLong(args[1]);
    long sleep = Long.parseLong(args[2]);
    try (NDManager m = NDManager.newBaseManager()) {
      KillResumeTest.loop(KillResumeTest.task(m, seed, sleep), dir, seed).run(StartMode.FRESH);
    }
  }
}
