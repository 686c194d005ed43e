package org.mlpvision.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
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
      cl.getErr().println("vision " + cl.getCommandName() + ": " + message(ex));
      return 2;
    }
    ex.printStackTrace(cl.getErr());
    return 1;
  }

  /**
   * The exception's message (its class when it has none); file-system errors whose message is only
   * a path (such as {@code FileAlreadyExistsException} from creating a directory where a file is)
   * get their reason.
   */
  static String message(Exception ex) {
    if (ex instanceof FileSystemException f && f.getReason() == null) {
      return f.getFile() + ": " + reason(f);
    }
    return ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
  }

  private static String reason(FileSystemException f) {
    if (f instanceof FileAlreadyExistsException) {
      return "already exists (and is not a directory)";
    }
    if (f instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (f instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (f instanceof NotDirectoryException) {
      return "not a directory";
    }
    if (f instanceof DirectoryNotEmptyException) {
      return "directory not empty";
    }
    return f.getClass().getSimpleName();
  }

  private static boolean isDomain(Exception ex) {
    // Our own exceptions and argument/IO errors carry messages written for users.
    return ex instanceof IllegalArgumentException
        || ex instanceof IOException
        || ex instanceof UncheckedIOException
        || ex.getClass().getName().startsWith("org.mlpvision.");
  }
}
