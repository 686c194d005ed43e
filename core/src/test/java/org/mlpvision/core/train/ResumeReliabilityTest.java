package org.mlpvision.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Work directories as crashes, bad disks and careless copies leave them: resume takes the newest
 * good checkpoint of the run and says why it passed over the others, no good checkpoint is ever
 * deleted for a broken or foreign one, interrupted evaluations are re-run, and the first failure is
 * the one reported.
 */
class ResumeReliabilityTest {
  private static final long SEED = 6;

  @TempDir Path dir;

  private static TrainLoop<TinyTask.Batch> loop(
      TinyTask task, Path workDir, int iters, int keep, Evaluation eval) {
    TrainConfig c = TrainLoopTest.config(iters, 5);
    TrainConfig kept =
        new TrainConfig(
            iters,
            c.optimizer(),
            c.schedule(),
            c.clipGradNorm(),
            null,
            null,
            c.logEvery(),
            5,
            keep,
            null);
    TrainLoop.Builder<TinyTask.Batch> b = TrainLoop.builder(task, kept).workDir(workDir).seed(SEED);
    return (eval == null ? b : b.evaluation(eval)).build();
  }

  private static byte[] straightRun(Path workDir, int iters) throws IOException {
    try (NDManager m = NDManager.newBaseManager()) {
      TinyTask task = new TinyTask(m, SEED, 8, 0);
      loop(task, workDir, iters, 2, null).run(StartMode.FRESH);
      return ModelState.save(task.model());
    }
  }

  private static List<String> names(Path ckpts) throws IOException {
    try (Stream<Path> s = Files.list(ckpts)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void damagedAndForeignCheckpointsAreNeverResumedFromOrCountedAndNoGoodOneIsLost()
      throws Exception {
    byte[] straight = straightRun(dir.resolve("straight"), 30);
    Path work = dir.resolve("run");
    Path ckpts = TrainLoop.checkpointDir(work);
    try (NDManager m = NDManager.newBaseManager()) {
      TinyTask task = new TinyTask(m, SEED, 8, 0);
      task.failAt = 22; // good checkpoints 15 and 20 (keep 2)
      assertThatThrownBy(() -> loop(task, work, 30, 2, null).run(StartMode.FRESH))
          .hasMessageContaining("simulated crash");
    }
    Path good = ckpts.resolve("ckpt-00000020.ckpt");
    DamagedCheckpoints.truncated(good, ckpts, 25);
    DamagedCheckpoints.flipped(good, ckpts, 30);
    DamagedCheckpoints.wrongMagic(ckpts, 35);
    DamagedCheckpoints.foreign(CheckpointStore.read(good), ckpts, 40);
    Files.write(ckpts.resolve(".ckpt-00000025.ckpt.tmp"), new byte[] {1, 2, 3});

    try (NDManager m = NDManager.newBaseManager()) {
      TinyTask task = new TinyTask(m, SEED, 8, 0);
      task.failAt = 27; // crashes again after writing checkpoint 25
      TrainLoop<TinyTask.Batch> resumed = loop(task, work, 30, 2, null);
      assertThatThrownBy(() -> resumed.run(StartMode.RESUME))
          .hasMessageContaining("simulated crash");
    }
    // 25 replaced the truncated file; the good 20 and 25 are kept; nothing else was deleted
    // to make room; the interrupted write's temporary is gone.
    assertThat(names(ckpts))
        .containsExactly(
            "ckpt-00000020.ckpt",
            "ckpt-00000025.ckpt",
            "ckpt-00000030.ckpt",
            "ckpt-00000035.ckpt",
            "ckpt-00000040.ckpt",
            "run_id");
    assertThat(CheckpointStore.read(ckpts.resolve("ckpt-00000025.ckpt")).iteration()).isEqualTo(25);

    try (NDManager m = NDManager.newBaseManager()) {
      TinyTask task = new TinyTask(m, SEED, 8, 0);
      TrainResult r = loop(task, work, 30, 2, null).run(StartMode.RESUME);
      assertThat(r.resumedFrom()).isEqualTo(ckpts.resolve("ckpt-00000025.ckpt"));
      assertThat(r.startIteration()).isEqualTo(25);
      assertThat(r.skipped())
          .extracting(CheckpointStore.Skipped::toString)
          .satisfiesExactly(
              s -> assertThat(s).startsWith("ckpt-00000040.ckpt: written by another run"),
              s -> assertThat(s).startsWith("ckpt-00000035.ckpt: not a checkpoint file"),
              s -> assertThat(s).startsWith("ckpt-00000030.ckpt: corrupt checkpoint (CRC"));
      assertThat(ModelState.save(task.model())).isEqualTo(straight);
    }
    assertThat(names(ckpts))
        .containsExactly(
            "ckpt-00000025.ckpt",
            "ckpt-00000030.ckpt",
            "ckpt-00000035.ckpt",
            "ckpt-00000040.ckpt",
            "run_id");
    assertThat(CheckpointStore.read(ckpts.resolve("ckpt-00000030.ckpt")).model())
        .isEqualTo(
            CheckpointStore.read(dir.resolve("straight/checkpoints/ckpt-00000030.ckpt")).model());
  }

  @Test
  void aResumeWhereNoCheckpointOfTheRunReadsBackRefusesToStartOver() throws Exception {
    Path work = dir.resolve("run");
    straightRun(work, 10);
    Path ckpts = TrainLoop.checkpointDir(work);
    for (long it : new long[] {5, 10}) {
      Path f = ckpts.resolve(String.format("ckpt-%08d.ckpt", it));
      DamagedCheckpoints.flipped(f, ckpts, it);
    }
    byte[] metrics = Files.readAllBytes(work.resolve("metrics.jsonl"));
    try (NDManager m = NDManager.newBaseManager()) {
      TrainLoop<TinyTask.Batch> loop = loop(new TinyTask(m, SEED, 8, 0), work, 10, 2, null);
      assertThatThrownBy(() -> loop.run(StartMode.RESUME))
          .hasMessageContaining("cannot resume " + work)
          .hasMessageContaining("ckpt-00000010.ckpt: corrupt checkpoint (CRC mismatch)")
          .hasMessageContaining("--overwrite");
    }
    assertThat(Files.readAllBytes(work.resolve("metrics.jsonl"))).isEqualTo(metrics);
  }

  @Test
  void aResumeRerunsTheFinalEvaluationThatACrashInterrupted() throws Exception {
    Path work = dir.resolve("run");
    AtomicInteger evaluations = new AtomicInteger();
    Evaluation crashingAtTheEnd =
        (store, scope, it) -> {
          if (it == 10) {
            throw new IllegalStateException("killed during the final evaluation");
          }
          return Map.of("score", (double) it);
        };
    try (NDManager m = NDManager.newBaseManager()) {
      TrainLoop<TinyTask.Batch> loop =
          loop(new TinyTask(m, SEED, 8, 0), work, 10, 2, crashingAtTheEnd);
      assertThatThrownBy(() -> loop.run(StartMode.RESUME))
          .hasMessageContaining("killed during the final evaluation");
    }
    Evaluation counting =
        (store, scope, it) -> {
          evaluations.incrementAndGet();
          return Map.of("score", (double) it);
        };
    TrainResult r;
    try (NDManager m = NDManager.newBaseManager()) {
      r = loop(new TinyTask(m, SEED, 8, 0), work, 10, 2, counting).run(StartMode.RESUME);
    }
    assertThat(r.startIteration()).isEqualTo(10);
    assertThat(evaluations.get()).isEqualTo(1);
    assertThat(r.validation()).containsEntry("score", 10.0);
    assertThat(r.lastLoss()).isFinite();
    List<JsonNode> vals =
        MetricsLog.read(work.resolve("metrics.jsonl")).stream().filter(n -> n.has("val")).toList();
    assertThat(vals).extracting(n -> n.get("iter").asLong()).containsExactly(10L);

    // Resuming the finished run again evaluates nothing and still reports the last evaluation
    // and the checkpoint it resumed from, not a newer broken file.
    DamagedCheckpoints.wrongMagic(TrainLoop.checkpointDir(work), 11);
    try (NDManager m = NDManager.newBaseManager()) {
      r = loop(new TinyTask(m, SEED, 8, 0), work, 10, 2, counting).run(StartMode.RESUME);
    }
    assertThat(evaluations.get()).isEqualTo(1);
    assertThat(r.validation()).containsEntry("score", 10.0);
    assertThat(r.lastCheckpoint())
        .isEqualTo(TrainLoop.checkpointDir(work).resolve("ckpt-00000010.ckpt"));
  }

  @Test
  void aFailedCheckpointIsTheErrorReportedAndNothingPartialIsLeft() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/dev/full")));
    Path work = dir.resolve("run");
    Path ckpts = TrainLoop.checkpointDir(work);
    // After iteration 4: checkpoint 5 cannot be renamed into place, and the plot's file sits on a
    // full disk.
    TrainHook sabotage =
        new TrainHook() {
          @Override
          public void afterStep(TrainState state) throws IOException {
            if (state.iteration() == 4) {
              Files.createDirectories(ckpts.resolve("ckpt-00000005.ckpt").resolve("occupied"));
              Files.createSymbolicLink(work.resolve("curves.png"), Path.of("/dev/full"));
            }
          }
        };
    try (NDManager m = NDManager.newBaseManager()) {
      TrainLoop<TinyTask.Batch> loop =
          TrainLoop.builder(new TinyTask(m, SEED, 8, 0), TrainLoopTest.config(10, 5))
              .workDir(work)
              .hook(sabotage)
              .build();
      assertThatThrownBy(() -> loop.run(StartMode.FRESH))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("cannot write checkpoint " + ckpts.resolve("ckpt-00000005.ckpt"));
    }
    assertThat(names(ckpts)).containsExactly("ckpt-00000005.ckpt", "run_id");
    assertThat(names(work)).doesNotContain(".curves.png.tmp");
    assertThat(Files.isRegularFile(work.resolve("curves.png"))).isTrue();
    assertThat(Files.size(work.resolve("curves.png"))).isGreaterThan(1000);
  }
}
