package org.mlpvision.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.core.testing.JavaProcesses;

class KillResumeTest {
  static final long SEED = 17;
  private static final int ITERS = 40;
  private static final int EVERY = 5;

  @TempDir Path dir;

  /** The engine test config, logging every iteration so that each step's draw is recorded. */
  static TrainConfig config(int iters, int checkpointEvery) {
    TrainConfig c = TrainLoopTest.config(iters, checkpointEvery);
    return new TrainConfig(
        c.maxIters(),
        c.optimizer(),
        c.schedule(),
        c.clipGradNorm(),
        null,
        null,
        1,
        checkpointEvery,
        c.keepCheckpoints(),
        null);
  }

  /** The step random's draw recorded at every iteration. */
  static List<Double> draws(Path workDir) throws java.io.IOException {
    return MetricsLog.read(workDir.resolve("metrics.jsonl")).stream()
        .map(n -> n.get("scalars").get("draw").asDouble())
        .toList();
  }

  @Test
  void runKilledWithSigkillAndResumedDrawsTheSameStepRandomsAndEndsWithTheSameWeights()
      throws Exception {
    byte[] straight;
    try (NDManager m = NDManager.newBaseManager()) {
      TinyTask task = new TinyTask(m, SEED, 8, 0);
      task.sampleHalf = true;
      TrainLoop.builder(task, config(ITERS, EVERY))
          .workDir(dir.resolve("straight"))
          .seed(SEED)
          .build()
          .run(false);
      straight = ModelState.save(task.model());
    }

    Path killed = dir.resolve("killed");
    Process p = startSubprocess(killed, 150);
    CheckpointStore store = new CheckpointStore(TrainLoop.checkpointDir(killed), 2);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (store.latest().isEmpty() && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(p.isAlive()).as("the subprocess is still training when killed").isTrue();
    p.destroyForcibly(); // SIGKILL: no shutdown hooks, no flushing
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    long reached = store.latest().orElseThrow().iteration();
    assertThat(reached).isLessThan(ITERS);

    try (NDManager m = NDManager.newBaseManager()) {
      TinyTask task = new TinyTask(m, SEED, 8, 0);
      task.sampleHalf = true;
      TrainResult r =
          TrainLoop.builder(task, config(ITERS, EVERY))
              .workDir(killed)
              .seed(SEED)
              .build()
              .run(true);
      assertThat(r.startIteration()).isEqualTo(reached);
      assertThat(ModelState.save(task.model())).isEqualTo(straight);
    }
    List<Double> expected = draws(dir.resolve("straight"));
    assertThat(expected).hasSize(ITERS).doesNotHaveDuplicates();
    assertThat(draws(killed)).isEqualTo(expected);
  }

  private static Process startSubprocess(Path workDir, long sleepMs) throws Exception {
    return JavaProcesses.start(
        KillResumeMain.class,
        "512m",
        workDir.resolveSibling("subprocess.log"),
        workDir.toString(),
        Integer.toString(ITERS),
        Integer.toString(EVERY),
        Long.toString(sleepMs));
  }
}
