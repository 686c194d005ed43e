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
    return new Checkpoint(iter, 7, Map.of("lr", 0.1), model, new byte[] {1, 2, 3});
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
}
