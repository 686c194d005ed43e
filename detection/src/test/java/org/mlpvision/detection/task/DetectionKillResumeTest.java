package org.mlpvision.detection.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.core.inject.Tasks;
import org.mlpvision.core.testing.JavaProcesses;
import org.mlpvision.core.train.CheckpointStore;
import org.mlpvision.core.train.MetricsLog;
import org.mlpvision.core.train.RunOptions;
import org.mlpvision.core.train.TaskRunner;
import org.mlpvision.core.train.TrainLoop;
import org.mlpvision.core.train.TrainResult;
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

  /** Iteration and losses of every logged step, from {@code metrics.jsonl}. */
  private static List<String> losses(Path work) throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonNode n : MetricsLog.read(work.resolve("metrics.jsonl"))) {
      if (n.has("losses")) {
        out.add(n.get("iter") + " " + n.get("losses"));
      }
    }
    return out;
  }

  @Test
  void aKilledAndResumedRunEqualsAnUninterruptedOne() throws Exception {
    Path straightDir = dir.resolve("straight");
    TrainResult straight = runner().train(new RunOptions(straightDir, false, null, "cpu", false));

    Path killed = dir.resolve("killed");
    Process p = start(killed);
    CheckpointStore store = new CheckpointStore(TrainLoop.checkpointDir(killed), 10);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
    while (store.latest().isEmpty() && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(p.isAlive()).as("the subprocess is still training when killed").isTrue();
    p.destroyForcibly();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    long reached = store.latest().orElseThrow().iteration();
    assertThat(reached).isLessThan(ITERS);

    TrainResult resumed = runner().train(new RunOptions(killed, true, null, "cpu", false));
    assertThat(resumed.startIteration()).isEqualTo(reached);
    assertThat(CheckpointStore.read(resumed.lastCheckpoint()).model())
        .isEqualTo(CheckpointStore.read(straight.lastCheckpoint()).model());
    assertThat(losses(killed))
        .containsSubsequence(losses(straightDir).subList((int) reached, ITERS));
    assertThat(resumed.validation()).isEqualTo(straight.validation());
  }

  private static Process start(Path workDir) throws Exception {
    return JavaProcesses.start(
        KillResumeMain.class,
        "1g",
        workDir.resolveSibling("subprocess.log"),
        workDir.toString(),
        Integer.toString(ITERS),
        Integer.toString(EVERY));
  }
}
