package org.mlpvision.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkDirTest {
  @TempDir Path dir;

  private static TrainResult train(Path workDir, long seed, int iters, StartMode mode)
      throws IOException {
    try (NDManager m = NDManager.newBaseManager()) {
      return TrainLoop.builder(new TinyTask(m, seed, 8, 0), TrainLoopTest.config(iters, 5))
          .workDir(workDir)
          .seed(seed)
          .build()
          .run(mode);
    }
  }

  @Test
  void aNewRunRefusesAUsedWorkDirAndLeavesItsFilesAlone() throws Exception {
    Path work = dir.resolve("run");
    train(work, 1, 10, StartMode.FRESH);
    byte[] metrics = Files.readAllBytes(work.resolve("metrics.jsonl"));
    byte[] last = Files.readAllBytes(work.resolve("checkpoints/ckpt-00000010.ckpt"));
    assertThatThrownBy(() -> train(work, 2, 5, StartMode.FRESH))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("work dir " + work + " is not empty")
        .hasMessageContaining("--resume")
        .hasMessageContaining("--overwrite");
    assertThat(Files.readAllBytes(work.resolve("metrics.jsonl"))).isEqualTo(metrics);
    assertThat(Files.readAllBytes(work.resolve("checkpoints/ckpt-00000010.ckpt"))).isEqualTo(last);
  }

  @Test
  void overwriteStartsANewRunThatNeverMixesWithTheOldOnesCheckpoints() throws Exception {
    Path work = dir.resolve("run");
    train(work, 1, 10, StartMode.FRESH);
    Files.writeString(work.resolve("notes.txt"), "mine");
    // The new run is shorter: the old run's ckpt-10 would be the newest file if it survived.
    TrainResult second = train(work, 2, 5, StartMode.OVERWRITE);
    assertThat(new CheckpointStore(work.resolve("checkpoints"), 5).list())
        .extracting(p -> p.getFileName().toString())
        .containsExactly("ckpt-00000005.ckpt");
    assertThat(MetricsLog.read(work.resolve("metrics.jsonl")))
        .extracting(n -> n.get("iter").asLong())
        .containsExactly(5L);
    assertThat(Files.readString(work.resolve("notes.txt"))).isEqualTo("mine");
    TrainResult resumed = train(work, 2, 5, StartMode.RESUME);
    assertThat(resumed.resumedFrom()).isEqualTo(second.lastCheckpoint());
    assertThat(resumed.startIteration()).isEqualTo(5);
  }

  @Test
  void aWorkDirThatIsAFileIsNamed() throws Exception {
    Path file = Files.writeString(dir.resolve("f"), "x");
    for (StartMode mode : StartMode.values()) {
      assertThatThrownBy(() -> WorkDir.prepare(file, mode))
          .hasMessage("work dir " + file + " is a file, not a directory");
    }
  }

  @Test
  void aRunnerClaimsAFreshDirBeforeWritingItsDataAndTheRunThenStartsThere() throws Exception {
    Path work = dir.resolve("run");
    StartMode start = WorkDir.claim(work, StartMode.FRESH);
    Files.createDirectories(work.resolve("coco-shapes"));
    Files.writeString(work.resolve("coco-shapes/ann.json"), "{}");
    TrainResult r = train(work, 1, 5, start);
    assertThat(r.startIteration()).isZero();
    assertThat(work.resolve("coco-shapes/ann.json")).hasContent("{}");
    assertThatThrownBy(() -> WorkDir.claim(work, StartMode.FRESH))
        .hasMessageContaining("is not empty");
    assertThat(WorkDir.claim(work, StartMode.RESUME)).isEqualTo(StartMode.RESUME);
  }
}
