package org.mlpvision.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.mlpvision.core.train.CheckpointStore;
import org.mlpvision.core.train.MetricsLog;
import org.mlpvision.core.train.RunOptions;
import org.mlpvision.core.train.TaskRunner;
import org.mlpvision.core.train.TrainLoop;
import org.mlpvision.core.train.TrainResult;

/**
 * The kill-and-resume check of a task: a run of the recipe is killed with SIGKILL after its first
 * checkpoint and resumed; it must end with exactly the weights, the per-iteration losses and the
 * final validation of an uninterrupted run.
 */
public final class KillResumeCheck {
  private KillResumeCheck() {}

  /**
   * @param runner a fresh runner of the recipe
   * @param main a class whose {@code main(workDir, iters, every)} trains the same recipe
   * @param dir a scratch folder
   * @param iters the recipe's iterations
   * @param every the recipe's checkpoint interval
   */
  public static void assertResumedRunEqualsUninterrupted(
      Supplier<TaskRunner> runner, Class<?> main, Path dir, int iters, int every) throws Exception {
    Path straightDir = dir.resolve("straight");
    TrainResult straight =
        runner.get().train(new RunOptions(straightDir, false, null, "cpu", false));

    Path killed = dir.resolve("killed");
    Process p =
        JavaProcesses.start(
            main,
            "1g",
            killed.resolveSibling("subprocess.log"),
            killed.toString(),
            Integer.toString(iters),
            Integer.toString(every));
    CheckpointStore store = new CheckpointStore(TrainLoop.checkpointDir(killed), 10);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
    while (store.latest().isEmpty() && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(p.isAlive()).as("the subprocess is still training when killed").isTrue();
    p.destroyForcibly();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    long reached = store.latest().orElseThrow().iteration();
    assertThat(reached).isLessThan(iters);

    TrainResult resumed = runner.get().train(new RunOptions(killed, true, null, "cpu", false));
    assertThat(resumed.startIteration()).isEqualTo(reached);
    assertThat(CheckpointStore.read(resumed.lastCheckpoint()).model())
        .as("the resumed run ends with the uninterrupted run's weights")
        .isEqualTo(CheckpointStore.read(straight.lastCheckpoint()).model());
    assertThat(losses(killed))
        .containsSubsequence(losses(straightDir).subList((int) reached, iters));
    assertThat(resumed.validation()).isEqualTo(straight.validation());
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
}
