package org.mlpvision.cli.eval;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks of output paths before any work, so that a long evaluation never ends in "cannot write".
 * Each failure is an {@link IllegalArgumentException} naming the option and the path.
 */
final class OutputPaths {
  private OutputPaths() {}

  /** {@code file} must be writable as a file: not a folder, in an existing, writable folder. */
  static void checkFile(Path file, String option) {
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(
          option + " " + file + " is a directory; give the name of the file to write");
    }
    if (Files.exists(file) && !Files.isWritable(file)) {
      throw new IllegalArgumentException(option + " " + file + " exists and is not writable");
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new IllegalArgumentException(
          option + " " + file + ": the folder " + parent + " does not exist");
    }
    if (parent != null && !Files.isWritable(parent)) {
      throw new IllegalArgumentException(
          option + " " + file + ": the folder " + parent + " is not writable");
    }
  }

  /** {@code dir} must be a writable folder or creatable as one; it is created. */
  static void prepareDirectory(Path dir, String option) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new IllegalArgumentException(option + " " + dir + " exists and is not a directory");
    }
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(option + " " + dir + ": cannot create it: " + e, e);
    }
    if (!Files.isWritable(dir)) {
      throw new IllegalArgumentException(option + " " + dir + " is not writable");
    }
  }
}
