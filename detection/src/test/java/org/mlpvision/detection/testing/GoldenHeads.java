package org.mlpvision.detection.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared golden heads cases from the working directory. */
public final class GoldenHeads {
  private GoldenHeads() {}

  /** {@code shared/golden/heads}, found by walking up from {@code user.dir}. */
  public static Path dir() {
    for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        p != null;
        p = p.getParent()) {
      Path g = p.resolve("shared/golden/heads");
      if (Files.isDirectory(g)) {
        return g;
      }
    }
    throw new IllegalStateException(
        "no shared/golden/heads above " + System.getProperty("user.dir"));
  }

  /** The public test-forward case. */
  public static Path testCase() {
    return dir().resolve("cascade_c3_128x160_s7");
  }

  /** The public training case. */
  public static Path trainCase() {
    return dir().resolve("cascade_train_c3_128x160_s17");
  }
}
