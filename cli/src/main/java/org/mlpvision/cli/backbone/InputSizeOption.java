package org.mlpvision.cli.backbone;

import picocli.CommandLine.Option;

/**
 * The {@code --input HxW} image size (default 224x224) of the commands that build a backbone from
 * its architecture ({@code backbone info}, {@code bench backbone}); {@code backbone run} reads a
 * tensor file with {@code --input} instead and keeps its own option.
 */
public final class InputSizeOption {
  // The field keeps the name "input" for the help label and the ${DEFAULT-VALUE} text.
  @Option(
      names = "--input",
      defaultValue = "224x224",
      paramLabel = "HxW",
      description = "Input size (default ${DEFAULT-VALUE})")
  String input;

  /** The size as {@code {h, w}}; an {@link IllegalArgumentException} names a malformed value. */
  public long[] hw() {
    // Parsed on use, as before, so a bad value still reports through the command's error handler.
    return ModelOption.parseSize(input);
  }
}
