package org.mlpvision.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns domain errors (bad config, bad input files, bad values) into one clear line on stderr and
 * exit code 2; unexpected failures keep their stack trace and exit 1.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
    if (isDomain(ex)) {
      cl.getErr().println("vision " + cl.getCommandName() + ": " + ex.getMessage());
      return 2;
    }
    ex.printStackTrace(cl.getErr());
    return 1;
  }

  private static boolean isDomain(Exception ex) {
    // Our own exceptions and argument/IO errors carry messages written for users.
    return ex instanceof IllegalArgumentException
        || ex instanceof IOException
        || ex instanceof UncheckedIOException
        || ex.getClass().getName().startsWith("org.mlpvision.");
  }
}
