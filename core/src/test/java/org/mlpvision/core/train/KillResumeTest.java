package org.mlpvision.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.core.testing.JavaProcesses;

/**
 * Training runs killed with SIGKILL at random points, on several seeds: at a random iteration, and
 * in the middle of a checkpoint write (the checkpoint's temporary is a FIFO that the test reads a
 * random part of, so the writer is blocked mid-file when it dies). Each is resumed and must end
 * with the checkpoint of an uninterrupted run (model, optimizer, iteration, seed, learning rate and
 * loss), after drawing the same step randoms at every iteration, logging every iteration once and
 * leaving no temporary behind.
 */
class KillResumeTest {
  private static final int ITERS = 20;
  private static final int EVERY = 5;

  /** Hidden units: the checkpoint (~300 KB) is larger than a pipe's 64 KB buffer. */
  private static final int HIDDEN = 2048;

  private static final long SLEEP_MS = 40;

  @TempDir Path dir;

  /** The task of every run: wide, with dropout and a step-random sampler. */
  static TinyTask task(NDManager m, long seed, long sleepMs) {
    TinyTask task = new TinyTask(m, seed, 8, sleepMs, 0.2f, HIDDEN);
    task.sampleHalf = true;
    return task;
  }

  /** The loop of every run: metrics at every iteration, checkpoints every 5, two kept. */
  static TrainLoop<TinyTask.Batch> loop(TinyTask task, Path workDir, long seed) {
    TrainConfig c = TrainLoopTest.config(ITERS, EVERY);
    TrainConfig every =
        new TrainConfig(
            ITERS, c.optimizer(), c.schedule(), c.clipGradNorm(), null, null, 1, EVERY, 2, null);
    return TrainLoop.builder(task, every).workDir(workDir).seed(seed).build();
  }

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS) // a write blocked on a leftover FIFO would hang
  void runsKilledAtRandomPointsAndResumedEndExactlyAsUninterruptedOnes() throws Exception {
    long[] seeds = {17, 29, 41, 53};
    for (int i = 0; i < seeds.length; i++) {
      killAndResume(seeds[i], i % 2 == 1);
    }
  }

  private void killAndResume(long seed, boolean duringCheckpointWrite) throws Exception {
    Path straight = dir.resolve("straight-" + seed);
    try (NDManager m = NDManager.newBaseManager()) {
      loop(task(m, seed, 0), straight, seed).run(StartMode.FRESH);
    }
    Path killed = dir.resolve("killed-" + seed);
    Random random = new Random(seed);
    Process p = start(killed, seed);
    long expectedStart;
    try {
      if (duringCheckpointWrite) {
        long at = awaitIterations(killed, p, 1);
        long trap = (at / EVERY + 2) * EVERY; // a write still ahead
        expectedStart = trap - EVERY;
        Path fifo =
            TrainLoop.checkpointDir(killed).resolve(String.format(".ckpt-%08d.ckpt.tmp", trap));
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        int bytes = 1 + random.nextInt(60_000);
        // Opening blocks until the writer opens its temporary; then part of it is read.
        CompletableFuture<Integer> reader =
            CompletableFuture.supplyAsync(() -> readSome(fifo, bytes, p));
        assertThat(reader.get(120, TimeUnit.SECONDS)).isEqualTo(bytes);
      } else {
        awaitIterations(killed, p, 3 + random.nextInt(ITERS - 6));
        p.destroyForcibly();
        expectedStart = -1; // known once the process is gone
      }
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
    // The kill is the only way the subprocess ended: it was still training.
    assertThat(p.exitValue()).as("exit status of the killed run").isEqualTo(137);
    CheckpointStore.Lookup survivor =
        new CheckpointStore(TrainLoop.checkpointDir(killed), 2).lookup();
    assertThat(survivor.skipped()).as("no broken checkpoint file").isEmpty();
    if (expectedStart < 0) {
      expectedStart = survivor.found() ? survivor.checkpoint().iteration() : 0;
    }

    TrainResult r;
    try (NDManager m = NDManager.newBaseManager()) {
      r = loop(task(m, seed, 0), killed, seed).run(StartMode.RESUME);
    }
    assertThat(r.startIteration()).as("seed %d resumed from", seed).isEqualTo(expectedStart);
    Checkpoint a = CheckpointStore.read(r.lastCheckpoint());
    Checkpoint b = CheckpointStore.read(straight.resolve("checkpoints/ckpt-00000020.ckpt"));
    assertThat(a.iteration()).isEqualTo(ITERS);
    assertThat(a.seed()).isEqualTo(b.seed());
    assertThat(a.info()).isEqualTo(b.info());
    assertThat(a.model()).as("seed %d model", seed).isEqualTo(b.model());
    assertThat(a.optimizer()).as("seed %d optimizer", seed).isEqualTo(b.optimizer());
    assertThat(rows(killed))
        .extracting(n -> n.get("iter").asLong())
        .containsExactlyElementsOf(LongStream.rangeClosed(1, ITERS).boxed().toList());
    assertThat(draws(killed)).isEqualTo(draws(straight)).doesNotHaveDuplicates();
    try (Stream<Path> files = Files.list(TrainLoop.checkpointDir(killed))) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder("ckpt-00000015.ckpt", "ckpt-00000020.ckpt", "run_id");
    }
  }

  private static int readSome(Path fifo, int bytes, Process writer) {
    try (InputStream in = Files.newInputStream(fifo)) {
      int got = in.readNBytes(bytes).length;
      writer.destroyForcibly(); // SIGKILL while the writer is blocked in the middle of the file
      writer.waitFor(30, TimeUnit.SECONDS);
      return got;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits until the run has logged at least {@code n} iterations; returns how many it has. */
  private static long awaitIterations(Path workDir, Process p, long n) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      assertThat(p.isAlive()).as("the subprocess is still training").isTrue();
      Path metrics = workDir.resolve("metrics.jsonl");
      if (Files.exists(metrics)) {
        List<JsonNode> r = MetricsLog.read(metrics);
        if (r.size() >= n) {
          return r.get(r.size() - 1).get("iter").asLong();
        }
      }
      Thread.sleep(5);
    }
    throw new AssertionError("the subprocess did not reach iteration " + n);
  }

  private static List<JsonNode> rows(Path workDir) throws IOException {
    return MetricsLog.read(workDir.resolve("metrics.jsonl"));
  }

  /** The step random's draw recorded at every iteration. */
  private static List<Double> draws(Path workDir) throws IOException {
    return rows(workDir).stream().map(n -> n.get("scalars").get("draw").asDouble()).toList();
  }

  private static Process start(Path workDir, long seed) throws IOException {
    return JavaProcesses.start(
        KillResumeMain.class,
        "512m",
        workDir.resolveSibling(workDir.getFileName() + ".log"),
        workDir.toString(),
        Long.toString(seed),
        Long.toString(SLEEP_MS));
  }
}
