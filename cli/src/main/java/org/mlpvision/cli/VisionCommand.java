package org.mlpvision.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The top-level {@code vision} command. Each capability adds its subcommand to {@link
 * #SUBCOMMANDS}; only working subcommands are listed.
 */
@Command(
    name = "vision",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "MLPVision: detection and segmentation on vision-MLP backbones (DJL + PyTorch).")
public final class VisionCommand implements Runnable {
  /** Subcommands, in help order. */
  static final Object[] SUBCOMMANDS = {new EnvCommand()};

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** A configured command line with every subcommand registered. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new VisionCommand());
    for (Object sub : SUBCOMMANDS) {
      cl.addSubcommand(sub);
    }
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(new ErrorHandler());
    return cl;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
