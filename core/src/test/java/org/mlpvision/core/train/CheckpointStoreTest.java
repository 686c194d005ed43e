package org.mlpvision.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {
  @TempDir Path dir;

  private static Checkpoint ckpt(long iter) {
    byte[] model = new byte[1000];
    Arrays.fill(model, (byte) iter);
    return new Checkpoint(iter, 7, "run-a", Map.of("lr", 0.1), model, new byte[] {1, 2, 3});
  }

  @Test
  void roundTripsEveryField() throws IOException {
    CheckpointStore store = new CheckpointStore(dir, 3);
    Path f = store.write(ckpt(12));
    Checkpoint c = CheckpointStore.read(f);
    assertThat(c.iteration()).isEqualTo(12);
    assertThat(c.seed()).isEqualTo(7);
    assertThat(c.info()).containsEntry("lr", 0.1);
    assertThat(c.model()).isEqualTo(ckpt(12).model());
    assertThat(c.optimizer()).containsExactly(1, 2, 3);
  }

  @Test
  void keepsOnlyTheNewestN() throws IOException {
    CheckpointStore store = new CheckpointStore(dir, 2);
    for (long i = 10; i <= 50; i += 10) {
      store.write(ckpt(i));
    }
    assertThat(store.list())
        .extracting(p -> p.getFileName().toString())
        .containsExactly("ckpt-00000050.ckpt", "ckpt-00000040.ckpt");
    assertThat(store.latest()).get().extracting(Checkpoint::iteration).isEqualTo(50L);
  }

  @Test
  void truncatedNewerCheckpointIsNeverPickedAsLatest() throws IOException {
    CheckpointStore store = new CheckpointStore(dir, 5);
    store.write(ckpt(10));
    Path newer = store.write(ckpt(20));
    byte[] full = Files.readAllBytes(newer);
    // A crash mid-write of a non-atomic writer would leave a prefix like this one.
    Files.write(newer, Arrays.copyOf(full, full.length / 2));
    Files.write(dir.resolve(".ckpt-00000030.ckpt.tmp"), Arrays.copyOf(full, 100));
    assertThat(store.latest()).get().extracting(Checkpoint::iteration).isEqualTo(10L);
    assertThatThrownBy(() -> CheckpointStore.read(newer)).isInstanceOf(IOException.class);
  }

  @Test
  void corruptedBytesAreDetected() throws IOException {
    CheckpointStore store = new CheckpointStore(dir, 5);
    store.write(ckpt(10));
    Path f = store.write(ckpt(20));
    byte[] b = Files.readAllBytes(f);
    b[100] ^= 0x55;
    Files.write(f, b);
    assertThatThrownBy(() -> CheckpointStore.read(f)).hasMessageContaining("CRC");
    assertThat(store.latest()).get().extracting(Checkpoint::iteration).isEqualTo(10L);
  }

  @Test
  void pruningCountsOnlyGoodCheckpointsAndNeverDeletesOneForBrokenOrForeignFiles()
      throws IOException {
    CheckpointStore store = new CheckpointStore(dir, 2, "run-a");
    Path first = store.write(ckpt(10));
    Path truncated = DamagedCheckpoints.truncated(first, dir, 50);
    Path flipped = DamagedCheckpoints.flipped(first, dir, 60);
    Path foreign = DamagedCheckpoints.foreign(ckpt(10), dir, 70);
    Path magic = DamagedCheckpoints.wrongMagic(dir, 80);
    store.write(ckpt(20));
    store.write(ckpt(30));
    // The two newest good ones stay; only the older good one went; nothing else was touched.
    assertThat(store.list())
        .containsExactly(
            magic,
            foreign,
            flipped,
            truncated,
            dir.resolve("ckpt-00000030.ckpt"),
            dir.resolve("ckpt-00000020.ckpt"));
    assertThat(store.latest()).get().extracting(Checkpoint::iteration).isEqualTo(30L);
  }

  @Test
  void lookupTakesTheNewestGoodCheckpointAndSaysWhyItPassedOverNewerFiles() throws IOException {
    CheckpointStore store = new CheckpointStore(dir, 5, "run-a");
    store.write(ckpt(10));
    Path good = store.write(ckpt(20));
    DamagedCheckpoints.truncated(good, dir, 30);
    DamagedCheckpoints.flipped(good, dir, 40);
    DamagedCheckpoints.wrongMagic(dir, 50);
    DamagedCheckpoints.foreign(ckpt(20), dir, 60);
    Files.createDirectories(DamagedCheckpoints.name(dir, 70));
    CheckpointStore.Lookup found = store.lookup();
    assertThat(found.file()).isEqualTo(good);
    assertThat(found.checkpoint().iteration()).isEqualTo(20);
    assertThat(found.skipped())
        .extracting(CheckpointStore.Skipped::toString)
        .containsExactly(
            "ckpt-00000070.ckpt: not a regular file",
            "ckpt-00000060.ckpt: written by another run (run another-run, this work dir's run is"
                + " run-a)",
            "ckpt-00000050.ckpt: not a checkpoint file (no MLPVCKPT header)",
            "ckpt-00000040.ckpt: corrupt checkpoint (CRC mismatch)",
            "ckpt-00000030.ckpt: incomplete checkpoint (cut short, no end marker)");
    // A store without a run accepts any run's file.
    assertThat(new CheckpointStore(dir, 5).lookup().checkpoint().iteration()).isEqualTo(60);
  }

  @Test
  void aWriteThatFailsNamesTheFileAndLeavesNoTemporary() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/dev/full")));
    CheckpointStore store = new CheckpointStore(dir, 2, "run-a");
    store.write(ckpt(10));
    // The temporary of the next write lands on a full disk.
    Files.createSymbolicLink(dir.resolve(".ckpt-00000020.ckpt.tmp"), Path.of("/dev/full"));
    assertThatThrownBy(() -> store.write(ckpt(20)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("ckpt-00000020.ckpt")
        .hasMessageContaining("No space left on device");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("ckpt-00000010.ckpt");
    }
  }

  @Test
  void temporariesOfInterruptedWritesAreRemoved() throws IOException {
    CheckpointStore store = new CheckpointStore(dir, 2, "run-a");
    Path good = store.write(ckpt(10));
    Files.write(dir.resolve(".ckpt-00000020.ckpt.tmp"), Arrays.copyOf(Files.readAllBytes(good), 9));
    store.removeTemporaries();
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("ckpt-00000010.ckpt");
    }
  }
}
