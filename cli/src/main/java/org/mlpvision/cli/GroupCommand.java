package org.mlpvision.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** A command that only groups subcommands; run alone it prints its usage. */
@Command(mixinStandardHelpOptions = true)
final class GroupCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
