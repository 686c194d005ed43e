package org.mlpvision.cli;

import org.mlpvision.cli.backbone.BackboneInfoCommand;
import org.mlpvision.cli.backbone.BackboneRunCommand;
import org.mlpvision.cli.bench.BenchBackboneCommand;
import org.mlpvision.cli.bench.BenchCocoEvalCommand;
import org.mlpvision.cli.bench.BenchCocoParseCommand;
import org.mlpvision.cli.bench.BenchMemoryCommand;
import org.mlpvision.cli.bench.BenchOpsCommand;
import org.mlpvision.cli.bench.BenchPipelineCommand;
import org.mlpvision.cli.dataset.DatasetInfoCommand;
import org.mlpvision.cli.dataset.DatasetSynthCommand;
import org.mlpvision.cli.eval.EvalCocoCommand;
import org.mlpvision.cli.eval.EvalSegCommand;
import org.mlpvision.cli.train.DemoCommand;
import org.mlpvision.cli.train.TestCommand;
import org.mlpvision.cli.train.TrainCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The top-level {@code vision} command. Each capability adds its subcommand to {@link
 * #SUBCOMMANDS}, or to one of the groups ({@code bench}, {@code dataset}, {@code eval}, {@code
 * backbone}); a group without subcommands is not shown, so only working commands are listed. Every
 * command takes {@code --help} and {@code --version}, whether or not it asks for them.
 */
@Command(
    name = "vision",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "MLPVision: detection and segmentation on vision-MLP backbones (DJL + PyTorch).")
public final class VisionCommand implements Runnable {
  /**
   * Subcommands, in help order, as classes: every {@link #commandLine()} gets new instances, so
   * options parsed by one command line never leak into the next one's defaults.
   */
  static final Class<?>[] SUBCOMMANDS = {
    EnvCommand.class, TrainCommand.class, TestCommand.class, DemoCommand.class
  };

  /** Command groups: name, description, subcommands. */
  static final Group[] GROUPS = {
    new Group(
        "backbone",
        "Inspect and run backbones.",
        new Class<?>[] {BackboneInfoCommand.class, BackboneRunCommand.class}),
    new Group(
        "dataset",
        "Create and inspect data sets.",
        new Class<?>[] {DatasetSynthCommand.class, DatasetInfoCommand.class}),
    new Group(
        "eval",
        "Evaluate predictions (COCO AP, mIoU).",
        new Class<?>[] {EvalCocoCommand.class, EvalSegCommand.class}),
    new Group(
        "bench",
        "Benchmarks: speed and memory of real work.",
        new Class<?>[] {
          BenchBackboneCommand.class,
          BenchOpsCommand.class,
          BenchCocoEvalCommand.class,
          BenchPipelineCommand.class,
          BenchCocoParseCommand.class,
          BenchMemoryCommand.class
        }),
  };

  /** A command group such as {@code vision bench}. */
  record Group(String name, String description, Class<?>[] subcommands) {}

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** A configured command line with every subcommand registered. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new VisionCommand());
    for (Class<?> sub : SUBCOMMANDS) {
      cl.addSubcommand(sub);
    }
    for (Group g : GROUPS) {
      if (g.subcommands().length == 0) {
        continue;
      }
      CommandLine group = new CommandLine(new GroupCommand());
      group.getCommandSpec().usageMessage().description(g.description());
      for (Class<?> sub : g.subcommands()) {
        group.addSubcommand(sub);
      }
      cl.addSubcommand(g.name(), group);
    }
    withHelpEverywhere(cl);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(new ErrorHandler());
    return cl;
  }

  /**
   * Gives every command of the tree {@code -h/--help} and {@code -V/--version}, so a command added
   * later cannot forget them (picocli only adds them where an annotation asks).
   */
  private static void withHelpEverywhere(CommandLine cl) {
    CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
    spec.mixinStandardHelpOptions(true);
    if (spec.version().length == 0) {
      spec.versionProvider(new VersionProvider());
    }
    cl.getSubcommands().values().forEach(VisionCommand::withHelpEverywhere);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
