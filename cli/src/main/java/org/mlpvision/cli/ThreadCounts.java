package org.mlpvision.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Range checks of thread-count options while the command line is parsed (before any work). */
public final class ThreadCounts {
  private ThreadCounts() {}

  /**
   * Returns {@code value} when it is at least {@code min}.
   *
   * @throws ParameterException naming the option and the value otherwise
   */
  public static int atLeast(CommandSpec spec, String option, int value, int min) {
    if (value < min) {
      throw new ParameterException(
          spec.commandLine(),
          String.format("%s must be at least %d, got '%d'", option, min, value));
    }
    return value;
  }
}
