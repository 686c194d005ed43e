package org.mlpvision.core.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Damaged and foreign checkpoint files as crashes, bad disks and careless copies leave them,
 * planted under checkpoint names for the reliability tests.
 */
final class DamagedCheckpoints {
  private DamagedCheckpoints() {}

  /** The file name of iteration {@code it}'s checkpoint in {@code dir}. */
  static Path name(Path dir, long it) {
    return dir.resolve(String.format("ckpt-%08d.ckpt", it));
  }

  /** The first half of {@code good}, as a write cut short by a crash leaves it. */
  static Path truncated(Path good, Path dir, long it) throws IOException {
    byte[] b = Files.readAllBytes(good);
    return Files.write(name(dir, it), Arrays.copyOf(b, b.length / 2));
  }

  /** {@code good} with one flipped byte in the middle (bit rot, a bad copy). */
  static Path flipped(Path good, Path dir, long it) throws IOException {
    byte[] b = Files.readAllBytes(good);
    b[b.length / 2] ^= 0x5A;
    return Files.write(name(dir, it), b);
  }

  /** A file of another format under a checkpoint name. */
  static Path wrongMagic(Path dir, long it) throws IOException {
    return Files.write(name(dir, it), "PK\u0003\u0004 not ours".getBytes(StandardCharsets.UTF_8));
  }

  /** A complete checkpoint of another run, copied in under iteration {@code it}'s name. */
  static Path foreign(Checkpoint template, Path dir, long it) throws IOException {
    Checkpoint other =
        new Checkpoint(
            it,
            template.seed() + 1,
            "another-run",
            template.info(),
            template.model(),
            template.optimizer());
    return Files.write(name(dir, it), CheckpointFormat.encode(other));
  }
}
