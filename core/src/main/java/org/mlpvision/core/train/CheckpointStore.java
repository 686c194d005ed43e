package org.mlpvision.core.train;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The checkpoints {@code ckpt-NNNNNNNN.ckpt} of one run in a folder. Writes are atomic (temporary
 * file, fsync, rename, fsync of the folder; the temporary is removed when a write fails) and every
 * file ends with a CRC32 and an end marker ({@link CheckpointFormat}), so a file cut short by a
 * crash or damaged later is recognised.
 *
 * <p>Only <em>good</em> checkpoints count: files that read back completely and carry the store's
 * run id. Pruning keeps the {@code keep} newest good ones and deletes only older good ones; broken
 * files and other runs' files are never counted and never deleted (a broken file is replaced when
 * the run writes that iteration again). {@link #lookup()} finds the newest good checkpoint and says
 * why each newer file was passed over.
 */
public final class CheckpointStore {
  private static final Pattern NAME = Pattern.compile("ckpt-(\\d{8})\\.ckpt");
  private static final Pattern TEMPORARY = Pattern.compile("\\.ckpt-\\d{8}\\.ckpt\\.tmp");

  private final Path dir;
  private final int keep;
  private final String runId;
  private final Map<Path, Stamp> good = new HashMap<>();

  /** Size and modification time of a file known to be good, so it is read only once. */
  private record Stamp(long size, long modified) {
    static Stamp of(Path p) throws IOException {
      BasicFileAttributes a =
          Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return new Stamp(a.size(), a.lastModifiedTime().toMillis());
    }
  }

  /**
   * A file passed over by {@link #lookup()}.
   *
   * @param file the checkpoint file
   * @param reason why it cannot be resumed from (cut short, CRC mismatch, another run, ...)
   */
  public record Skipped(Path file, String reason) {
    @Override
    public String toString() {
      return file.getFileName() + ": " + reason;
    }
  }

  /**
   * The result of {@link #lookup()}.
   *
   * @param file the newest good checkpoint, or null when there is none
   * @param checkpoint its contents, or null
   * @param skipped the newer (or, without a good one, all) files that were passed over, newest
   *     first
   */
  public record Lookup(Path file, Checkpoint checkpoint, List<Skipped> skipped) {
    /** Whether a good checkpoint was found. */
    public boolean found() {
      return checkpoint != null;
    }
  }

  /**
   * A store that accepts every run's checkpoints (for reading and tools).
   *
   * @param dir the checkpoint folder (created on the first write)
   * @param keep how many of the newest good checkpoints to keep
   */
  public CheckpointStore(Path dir, int keep) {
    this(dir, keep, null);
  }

  /**
   * The store of one run.
   *
   * @param dir the checkpoint folder (created on the first write)
   * @param keep how many of the newest good checkpoints to keep
   * @param runId the run's id; checkpoints with another id are not its own (null: any run)
   */
  public CheckpointStore(Path dir, int keep, String runId) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be >= 1, got " + keep);
    }
    this.dir = dir;
    this.keep = keep;
    this.runId = runId;
  }

  /** The folder. */
  public Path dir() {
    return dir;
  }

  /**
   * Writes {@code ckpt} atomically (replacing a file of the same iteration), then prunes.
   *
   * @throws IOException naming the file when it cannot be written; nothing is left behind then
   */
  public Path write(Checkpoint ckpt) throws IOException {
    Files.createDirectories(dir);
    byte[] bytes = CheckpointFormat.encode(ckpt);
    Path target = dir.resolve(String.format("ckpt-%08d.ckpt", ckpt.iteration()));
    try {
      AtomicFiles.write(target, out -> out.write(bytes));
    } catch (IOException | RuntimeException e) {
      throw new IOException("cannot write checkpoint " + target + ": " + e.getMessage(), e);
    }
    syncDirectory();
    if (runId == null || runId.equals(ckpt.runId())) {
      good.put(target, Stamp.of(target));
    }
    prune();
    return target;
  }

  /** Checkpoint files by iteration, newest first (good or not, any run). */
  public List<Path> list() throws IOException {
    return matching(NAME);
  }

  /** The newest good checkpoint, if any. */
  public Optional<Checkpoint> latest() throws IOException {
    return Optional.ofNullable(lookup().checkpoint());
  }

  /** The newest good checkpoint and why each newer file was passed over. */
  public Lookup lookup() throws IOException {
    List<Skipped> skipped = new ArrayList<>();
    for (Path p : list()) {
      Checkpoint c;
      try {
        c = read(p);
      } catch (IOException | RuntimeException e) {
        skipped.add(new Skipped(p, reason(p, e)));
        continue;
      }
      if (runId != null && !runId.equals(c.runId())) {
        skipped.add(
            new Skipped(
                p,
                "written by another run ("
                    + (c.runId() == null ? "no run id" : "run " + c.runId())
                    + ", this work dir's run is "
                    + runId
                    + ")"));
        continue;
      }
      good.put(p, Stamp.of(p));
      return new Lookup(p, c, List.copyOf(skipped));
    }
    return new Lookup(null, null, List.copyOf(skipped));
  }

  /**
   * Reads one checkpoint file.
   *
   * @throws IOException when it is missing, truncated or corrupt, naming the file and the problem
   */
  public static Checkpoint read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(
          file + (Files.exists(file) ? ": not a regular file" : ": no such file"));
    }
    return CheckpointFormat.decode(Files.readAllBytes(file), file.toString());
  }

  /** Deletes temporaries of writes that a crash interrupted ({@code .ckpt-*.tmp}). */
  public void removeTemporaries() throws IOException {
    for (Path p : matching(TEMPORARY)) {
      Files.deleteIfExists(p);
    }
  }

  /** Deletes every checkpoint file and temporary in {@code dir} (a run started over). */
  static void removeRunFiles(Path dir) throws IOException {
    CheckpointStore all = new CheckpointStore(dir, 1);
    for (Path p : all.list()) {
      Files.deleteIfExists(p);
    }
    all.removeTemporaries();
  }

  /** Keeps the {@code keep} newest good checkpoints; deletes older good ones, nothing else. */
  private void prune() throws IOException {
    int kept = 0;
    for (Path p : list()) {
      if (!isGood(p)) {
        continue;
      }
      kept++;
      if (kept > keep) {
        Files.deleteIfExists(p);
        good.remove(p);
      }
    }
  }

  private boolean isGood(Path p) throws IOException {
    Stamp known = good.get(p);
    if (known != null && known.equals(Stamp.of(p))) {
      return true;
    }
    good.remove(p);
    try {
      Checkpoint c = read(p);
      if (runId != null && !runId.equals(c.runId())) {
        return false;
      }
    } catch (IOException | RuntimeException e) {
      return false;
    }
    good.put(p, Stamp.of(p));
    return true;
  }

  private static String reason(Path p, Exception e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    String prefix = p + ": ";
    return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
  }

  private List<Path> matching(Pattern pattern) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> files =
          new ArrayList<>(
              s.filter(p -> pattern.matcher(p.getFileName().toString()).matches()).toList());
      files.sort(Comparator.comparingLong(CheckpointStore::iterationOf).reversed());
      return files;
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
}
