package org.mlpvision.core.train;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.mlpvision.core.config.ConfigLoader;

/**
 * A folder of checkpoints {@code ckpt-NNNNNNNN.ckpt}. Writes are atomic (temporary file, fsync,
 * rename, fsync of the folder) and every file ends with a CRC32 and an end marker, so a file cut
 * short by a crash is recognised and never chosen as the latest.
 */
public final class CheckpointStore {
  private static final byte[] MAGIC = "MLPVCKPT".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "MLPVEND!".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;
  private static final Pattern NAME = Pattern.compile("ckpt-(\\d{8})\\.ckpt");

  private final Path dir;
  private final int keep;

  /**
   * @param dir the checkpoint folder (created when missing)
   * @param keep how many of the newest checkpoints to keep
   */
  public CheckpointStore(Path dir, int keep) {
    this.dir = dir;
    this.keep = keep;
  }

  /** The folder. */
  public Path dir() {
    return dir;
  }

  /** Writes {@code ckpt} atomically, then deletes all but the newest {@code keep} checkpoints. */
  public Path write(Checkpoint ckpt) throws IOException {
    Files.createDirectories(dir);
    byte[] bytes = encode(ckpt);
    Path target = dir.resolve(String.format("ckpt-%08d.ckpt", ckpt.iteration()));
    Path tmp = dir.resolve("." + target.getFileName() + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    syncDirectory();
    prune();
    return target;
  }

  /** Checkpoint files by iteration, newest first (complete or not). */
  public List<Path> list() throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> files =
          new ArrayList<>(
              s.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).toList());
      files.sort(Comparator.comparingLong(CheckpointStore::iterationOf).reversed());
      return files;
    }
  }

  /** The newest checkpoint that reads back completely, if any. */
  public Optional<Checkpoint> latest() throws IOException {
    for (Path p : list()) {
      Optional<Checkpoint> c = tryRead(p);
      if (c.isPresent()) {
        return c;
      }
    }
    return Optional.empty();
  }

  /**
   * Reads one checkpoint file.
   *
   * @throws IOException when it is missing, truncated or corrupt
   */
  public static Checkpoint read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    return decode(bytes, file.toString());
  }

  private static Optional<Checkpoint> tryRead(Path file) {
    try {
      return Optional.of(read(file));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private void prune() throws IOException {
    List<Path> files = list();
    for (int i = keep; i < files.size(); i++) {
      Files.deleteIfExists(files.get(i));
    }
  }

  private void syncDirectory() {
    // Makes the rename itself durable; not every file system allows opening a folder.
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // best effort: the data file itself was already forced
    }
  }

  private static long iterationOf(Path p) {
    Matcher m = NAME.matcher(p.getFileName().toString());
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  static byte[] encode(Checkpoint c) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bos);
    out.write(MAGIC);
    out.writeInt(VERSION);
    out.writeLong(c.iteration());
    out.writeLong(c.seed());
    byte[] info = ConfigLoader.mapper().writeValueAsBytes(c.info());
    out.writeInt(info.length);
    out.write(info);
    out.writeLong(c.model().length);
    out.write(c.model());
    out.writeLong(c.optimizer().length);
    out.write(c.optimizer());
    out.flush();
    CRC32 crc = new CRC32();
    crc.update(bos.toByteArray());
    out.writeLong(crc.getValue());
    out.write(END);
    out.flush();
    return bos.toByteArray();
  }

  static Checkpoint decode(byte[] b, String name) throws IOException {
    int tail = 8 + END.length;
    if (b.length < MAGIC.length + 4 + tail
        || !Arrays.equals(b, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new IOException(name + ": not a checkpoint file");
    }
    if (!Arrays.equals(b, b.length - END.length, b.length, END, 0, END.length)) {
      throw new IOException(name + ": incomplete checkpoint (no end marker)");
    }
    ByteBuffer buf = ByteBuffer.wrap(b);
    CRC32 crc = new CRC32();
    crc.update(b, 0, b.length - tail);
    if (buf.getLong(b.length - tail) != crc.getValue()) {
      throw new IOException(name + ": corrupt checkpoint (CRC mismatch)");
    }
    buf.position(MAGIC.length);
    int version = buf.getInt();
    if (version != VERSION) {
      throw new IOException(name + ": unsupported checkpoint version " + version);
    }
    long iteration = buf.getLong();
    long seed = buf.getLong();
    byte[] info = new byte[buf.getInt()];
    buf.get(info);
    byte[] model = new byte[Math.toIntExact(buf.getLong())];
    buf.get(model);
    byte[] opt = new byte[Math.toIntExact(buf.getLong())];
    buf.get(opt);
    Map<String, Object> infoMap =
        ConfigLoader.mapper().readValue(info, new TypeReference<Map<String, Object>>() {});
    return new Checkpoint(iteration, seed, infoMap, model, opt);
  }
}
