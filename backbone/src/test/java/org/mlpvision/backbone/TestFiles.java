package org.mlpvision.backbone;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared golden data and the repository's config files from the working directory. */
public final class TestFiles {
  private TestFiles() {}

  /** {@code shared/golden/backbones}, found by walking up from {@code user.dir}. */
  public static Path golden() {
    for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        p != null;
        p = p.getParent()) {
      Path g = p.resolve("shared/golden");
      if (Files.isDirectory(g)) {
        return g.resolve("backbones");
      }
    }
    throw new IllegalStateException("no shared/golden above " + System.getProperty("user.dir"));
  }

  /** {@code configs/backbones} of this repository. */
  public static Path configs() {
    for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        p != null;
        p = p.getParent()) {
      Path c = p.resolve("configs/backbones");
      if (Files.isDirectory(c)) {
        return c;
      }
    }
    throw new IllegalStateException("no configs/backbones above " + System.getProperty("user.dir"));
  }
}
