package org.mlpvision.core.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Why a path given as an input file cannot be read as one, in words for users: a directory is
 * called a directory, not "not found".
 */
public final class RegularFiles {
  private RegularFiles() {}

  /**
   * The problem with reading {@code file} as a regular file, or empty when there is none.
   *
   * @param what what the file should be, with its article, for the message (e.g. {@code "a config
   *     file"})
   */
  public static Optional<String> problem(Path file, String what) {
    if (Files.isRegularFile(file)) {
      return Optional.empty();
    }
    if (Files.isDirectory(file)) {
      return Optional.of("is a directory, not " + what);
    }
    if (Files.exists(file)) {
      return Optional.of("is not a regular file, so not " + what);
    }
    return Optional.of("file not found");
  }
}
