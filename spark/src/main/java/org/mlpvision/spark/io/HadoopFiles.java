package org.mlpvision.spark.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.SparkEnv;
import scala.Tuple2;

/**
 * Files named by Hadoop path strings ({@code /local/path}, {@code file:/...}, {@code hdfs://...},
 * {@code s3a://...} once the user adds the connector), read and written through Hadoop's {@link
 * FileSystem} with the {@code spark.hadoop.*} settings of the running Spark application.
 *
 * <p>The readers of this code base (COCO annotations, images, label maps, model directories) take
 * local files. A local path is used as it is, so that a local data set decodes exactly as in {@code
 * vision test}; any other file is first copied into a scratch folder of this JVM ({@link #local}).
 * I/O errors surface as {@link UncheckedIOException}s naming the path: in a Spark task they fail
 * the task, which Spark then retries (a transient network error is not a bad image).
 */
public final class HadoopFiles {
  private static final Map<String, Path> COPIES = new ConcurrentHashMap<>();
  private static volatile Path scratch;
  private static volatile Settings settings;

  /** The configuration made for one Spark environment (a JVM may see several in turn). */
  private record Settings(SparkEnv env, Configuration conf) {}

  private HadoopFiles() {}

  /**
   * The Hadoop configuration of this JVM: Hadoop's defaults plus every {@code spark.hadoop.*}
   * setting of the running Spark application (on the driver and on executors alike).
   */
  public static Configuration configuration() {
    SparkEnv env = SparkEnv.get();
    Settings s = settings;
    if (s == null || s.env() != env) {
      // Reading Hadoop's default resources costs milliseconds: once per environment, not per file.
      Configuration conf = new Configuration();
      if (env != null) {
        for (Tuple2<String, String> kv : env.conf().getAllWithPrefix("spark.hadoop.")) {
          conf.set(kv._1(), kv._2());
        }
      }
      s = new Settings(env, conf);
      settings = s;
    }
    return s.conf();
  }

  /**
   * The file system of {@code p}; for local files the raw one, which writes no {@code .crc} files
   * beside the outputs (Hadoop's checksummed local file system would).
   */
  private static FileSystem fileSystem(org.apache.hadoop.fs.Path p) throws IOException {
    FileSystem fs = p.getFileSystem(configuration());
    return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
  }

  /** Whether {@code path} names a file of the local file system (no scheme, or {@code file:}). */
  public static boolean isLocal(String path) {
    String scheme = new org.apache.hadoop.fs.Path(path).toUri().getScheme();
    return scheme == null || scheme.equals("file");
  }

  /** {@code parent/child}, as Hadoop joins paths. */
  public static String join(String parent, String child) {
    return new org.apache.hadoop.fs.Path(parent, child).toString();
  }

  /**
   * A local file (or folder) with the contents of {@code path}: the path itself when it is local,
   * else a copy made once per JVM and kept for later calls (annotation files, model directories).
   *
   * @throws UncheckedIOException naming the path when it cannot be read
   */
  public static Path local(String path) {
    if (isLocal(path)) {
      return Path.of(new org.apache.hadoop.fs.Path(path).toUri().getPath());
    }
    return COPIES.computeIfAbsent(path, p -> copyToLocal(p, scratch().resolve(name(p))));
  }

  /**
   * What {@code reader} reads from the file {@code path}: in place when local, else from a scratch
   * copy deleted afterwards (one image of many: never cached).
   *
   * @throws UncheckedIOException naming the path when a remote file cannot be copied (its cause a
   *     {@link java.io.FileNotFoundException} when it is missing)
   */
  public static <T> T readLocally(String path, Function<Path, T> reader) {
    if (isLocal(path)) {
      return reader.apply(local(path));
    }
    Path copy = copyToLocal(path, scratch().resolve(UUID.randomUUID() + "-" + name(path)));
    try {
      return reader.apply(copy);
    } finally {
      copy.toFile().delete();
    }
  }

  private static Path copyToLocal(String path, Path target) {
    org.apache.hadoop.fs.Path src = new org.apache.hadoop.fs.Path(path);
    try {
      FileSystem fs = fileSystem(src);
      fs.copyToLocalFile(false, src, new org.apache.hadoop.fs.Path(target.toUri()), true);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(
          path + ": cannot copy to " + target + ": " + e.getMessage(), e);
    }
  }

  private static String name(String path) {
    String n = new org.apache.hadoop.fs.Path(path).getName();
    return n.isEmpty() ? "root" : n;
  }

  private static Path scratch() {
    if (scratch == null) {
      synchronized (HadoopFiles.class) {
        if (scratch == null) {
          try {
            Path dir = Files.createTempDirectory("mlpvision-spark-");
            dir.toFile().deleteOnExit();
            scratch = dir;
          } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch folder", e);
          }
        }
      }
    }
    return scratch;
  }

  /** Whether {@code path} is a folder. */
  public static boolean isDirectory(String path) {
    return status(path).map(FileStatus::isDirectory).orElse(false);
  }

  /** Whether {@code path} exists. */
  public static boolean exists(String path) {
    return status(path).isPresent();
  }

  private static java.util.Optional<FileStatus> status(String path) {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
    try {
      FileSystem fs = fileSystem(p);
      return fs.exists(p) ? java.util.Optional.of(fs.getFileStatus(p)) : java.util.Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": " + e.getMessage(), e);
    }
  }

  /**
   * The files under {@code dir} whose name passes {@code names} (recursively or not), as paths
   * relative to {@code dir}, sorted.
   *
   * @throws UncheckedIOException naming the folder when it is missing or cannot be listed
   */
  public static List<String> list(String dir, boolean recursive, Predicate<String> names) {
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(dir);
    List<String> out = new ArrayList<>();
    try {
      FileSystem fs = fileSystem(root);
      URI base = fs.makeQualified(root).toUri();
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, recursive);
      while (it.hasNext()) {
        LocatedFileStatus f = it.next();
        if (f.isFile() && names.test(f.getPath().getName())) {
          out.add(base.relativize(f.getPath().toUri()).getPath());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(dir + ": cannot list: " + e.getMessage(), e);
    }
    out.sort(null);
    return out;
  }

  /** The lines of a UTF-8 text file. */
  public static List<String> readLines(String path) {
    try (InputStream in = open(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** Opens {@code path} for reading. */
  public static InputStream open(String path) throws IOException {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
    return fileSystem(p).open(p);
  }

  /** Deletes {@code path} and everything under it, if it exists. */
  public static void deleteRecursively(String path) {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
    try {
      fileSystem(p).delete(p, true);
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": cannot delete: " + e.getMessage(), e);
    }
  }

  /** Deletes the folder {@code path} if it is empty (another job may still be using it). */
  public static void deleteIfEmpty(String path) {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
    try {
      FileSystem fs = fileSystem(p);
      if (fs.exists(p) && fs.listStatus(p).length == 0) {
        fs.delete(p, false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": cannot delete: " + e.getMessage(), e);
    }
  }

  /**
   * Moves a finished local file to {@code path}, replacing what is there, as {@link
   * #writeAtomically} does: a retried task that writes the same file again leaves one copy of it.
   */
  public static void moveFromLocal(Path file, String path) {
    replace(
        path,
        (fs, hidden) -> {
          fs.mkdirs(hidden.getParent());
          fs.moveFromLocalFile(new org.apache.hadoop.fs.Path(file.toUri()), hidden);
        });
  }

  /** The length of the file {@code path} in bytes. */
  public static long length(String path) {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
    try {
      return fileSystem(p).getFileStatus(p).getLen();
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes {@code path} through {@code writer} under a hidden name beside it, then renames it over
   * whatever is there, so that the file appears whole or not at all.
   */
  public static void writeAtomically(String path, OutputWriter writer) {
    replace(
        path,
        (fs, hidden) -> {
          try (OutputStream out = fs.create(hidden, true)) {
            writer.write(out);
          }
        });
  }

  /** Makes {@code hidden}, then renames it over {@code path}. */
  private static void replace(String path, HiddenFile make) {
    org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(path);
    org.apache.hadoop.fs.Path hidden =
        new org.apache.hadoop.fs.Path(
            target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
    try {
      FileSystem fs = fileSystem(target);
      make.write(fs, hidden);
      // HDFS's rename does not replace an existing file; the content is the same either way.
      fs.delete(target, false);
      if (!fs.rename(hidden, target)) {
        throw new IOException("rename of " + hidden + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": cannot write: " + e.getMessage(), e);
    }
  }

  /** Makes the hidden file that then replaces a target. */
  @FunctionalInterface
  private interface HiddenFile {
    void write(FileSystem fs, org.apache.hadoop.fs.Path hidden) throws IOException;
  }

  /** Writes a stream. */
  @FunctionalInterface
  public interface OutputWriter {
    /** Writes everything to {@code out}. */
    void write(OutputStream out) throws IOException;
  }
}
