package org.mlpvision.spark.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local file system under the scheme {@code flaky:} ({@code flaky:///abs/path}), where opening
 * a file marked with {@link #failOnce} throws an I/O error the first time: a transient read error
 * that fails the Spark task reading it, once.
 */
public final class FlakyFileSystem extends RawLocalFileSystem {
  private static final Set<String> FAIL_ONCE = ConcurrentHashMap.newKeySet();
  private static final AtomicInteger FAILURES = new AtomicInteger();

  /** {@code flaky:///...} for a local file. */
  public static String uri(Path file) {
    return "flaky://" + file.toAbsolutePath();
  }

  /** The next open of {@code file} fails. */
  public static void failOnce(Path file) {
    FAIL_ONCE.add(file.toAbsolutePath().toString());
  }

  /** Opens that failed so far. */
  public static int failures() {
    return FAILURES.get();
  }

  @Override
  public URI getUri() {
    return URI.create("flaky:///");
  }

  @Override
  public String getScheme() {
    return "flaky";
  }

  @Override
  public FSDataInputStream open(org.apache.hadoop.fs.Path f, int bufferSize) throws IOException {
    if (FAIL_ONCE.remove(f.toUri().getPath())) {
      FAILURES.incrementAndGet();
      throw new IOException("injected failure reading " + f);
    }
    return super.open(f, bufferSize);
  }
}
