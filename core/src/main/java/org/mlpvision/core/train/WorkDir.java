package org.mlpvision.core.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A training run's work directory and the one run it holds: {@code config.json}, {@code
 * metrics.jsonl}, {@code curves.png} and {@code checkpoints/} with the {@code ckpt-NNNNNNNN.ckpt}
 * files and {@code run_id}, the id every checkpoint of the run carries. Checkpoints with another id
 * (copied from another run) are never resumed from and never counted or pruned.
 *
 * <p>{@link #prepare} applies the {@link StartMode}: a fresh run needs a missing or empty
 * directory, an overwrite removes the previous run's files first, a resume keeps everything.
 */
public final class WorkDir {
  /** The resolved recipe. */
  public static final String CONFIG = "config.json";

  /** The training and validation lines. */
  public static final String METRICS = "metrics.jsonl";

  /** The loss and learning-rate plot. */
  public static final String PLOT = "curves.png";

  /** The checkpoint folder. */
  public static final String CHECKPOINTS = "checkpoints";

  /** The run id file, in the checkpoint folder. */
  static final String RUN_ID = "run_id";

  private final Path dir;
  private String runId;

  private WorkDir(Path dir, String runId) {
    this.dir = dir;
    this.runId = runId;
  }

  /**
   * Opens {@code dir} for a run started as {@code mode}, creating it when missing.
   *
   * @throws IOException when {@code dir} is a file, or for {@link StartMode#FRESH} when it is not
   *     empty (the message lists what it holds and names {@code --resume} and {@code --overwrite})
   */
  public static WorkDir prepare(Path dir, StartMode mode) throws IOException {
    check(dir, mode);
    if (mode == StartMode.OVERWRITE) {
      clear(dir);
    }
    Files.createDirectories(dir.resolve(CHECKPOINTS));
    WorkDir w = new WorkDir(dir, mode == StartMode.RESUME ? readRunId(dir) : null);
    if (w.runId == null && mode != StartMode.RESUME) {
      w.adopt(newRunId());
    }
    return w;
  }

  /**
   * Checks, without changing anything, that a run may start in {@code dir} as {@code mode}: callers
   * use it to fail before any expensive set-up.
   *
   * @throws IOException as {@link #prepare} would
   */
  public static void check(Path dir, StartMode mode) throws IOException {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new IOException("work dir " + dir + " is a file, not a directory");
    }
    if (mode == StartMode.FRESH && Files.isDirectory(dir)) {
      List<String> entries = entries(dir);
      if (!entries.isEmpty()) {
        throw new IOException(
            "work dir "
                + dir
                + " is not empty (it holds "
                + String.join(", ", entries.subList(0, Math.min(5, entries.size())))
                + (entries.size() > 5 ? ", ..." : "")
                + "): --resume continues its run, --overwrite starts a new run in its place");
      }
    }
  }

  /**
   * For runners that write files of their own into the work directory before the loop starts (a
   * synthesized data set): checks {@code dir} for {@code mode} now, before those files exist, and
   * returns the mode to start the loop with. A checked fresh start becomes an overwrite, which
   * removes only run files (there are none yet), so the runner's own files stay.
   *
   * @throws IOException as {@link #check} does
   */
  public static StartMode claim(Path dir, StartMode mode) throws IOException {
    check(dir, mode);
    return mode == StartMode.FRESH ? StartMode.OVERWRITE : mode;
  }

  /** A new random run id. */
  static String newRunId() {
    return UUID.randomUUID().toString();
  }

  /** The directory. */
  public Path dir() {
    return dir;
  }

  /** The checkpoint folder. */
  public Path checkpoints() {
    return dir.resolve(CHECKPOINTS);
  }

  /** {@code metrics.jsonl}. */
  public Path metrics() {
    return dir.resolve(METRICS);
  }

  /** {@code config.json}. */
  public Path config() {
    return dir.resolve(CONFIG);
  }

  /** {@code curves.png}. */
  public Path plot() {
    return dir.resolve(PLOT);
  }

  /**
   * The id of the directory's run; null when resuming in a directory that has none yet (written by
   * an older version), until {@link #adopt} sets it.
   */
  public String runId() {
    return runId;
  }

  /** Makes {@code id} the directory's run id and stores it. */
  void adopt(String id) throws IOException {
    AtomicFiles.write(
        checkpoints().resolve(RUN_ID),
        out -> out.write((id + "\n").getBytes(StandardCharsets.UTF_8)));
    this.runId = id;
  }

  private static String readRunId(Path dir) throws IOException {
    Path file = dir.resolve(CHECKPOINTS).resolve(RUN_ID);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    String id = Files.readString(file, StandardCharsets.UTF_8).trim();
    return id.isEmpty() ? null : id;
  }

  /** Removes the files of a run (checkpoints and their temporaries, run id, metrics, plot). */
  private static void clear(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    for (String name : List.of(CONFIG, METRICS, PLOT)) {
      Files.deleteIfExists(dir.resolve(name));
    }
    Path ckpts = dir.resolve(CHECKPOINTS);
    if (Files.isDirectory(ckpts)) {
      CheckpointStore.removeRunFiles(ckpts);
      Files.deleteIfExists(ckpts.resolve(RUN_ID));
    }
  }

  private static List<String> entries(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
