package org.mlpvision.cli;

import org.mlpvision.cli.backbone.BackboneInfoCommand;
import org.mlpvision.cli.backbone.BackboneRunCommand;
import org.mlpvision.cli.bench.BenchBackboneCommand;
import org.mlpvision.cli.bench.BenchCocoEvalCommand;
import org.mlpvision.cli.bench.BenchCocoParseCommand;
import org.mlpvision.cli.bench.BenchDetectorCommand;
import org.mlpvision.cli.bench.BenchMemoryCommand;
import org.mlpvision.cli.bench.BenchOpsCommand;
import org.mlpvision.cli.bench.BenchPipelineCommand;
import org.mlpvision.cli.dataset.DatasetInfoCommand;
import org.mlpvision.cli.dataset.DatasetSynthCommand;
import org.mlpvision.cli.detection.DetectionHeadsCommand;
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
 * backbone}, {@code detection}); a group without subcommands is not shown, so only working commands
 * are listed. Every command takes {@code --help} and {@code --version}, whether or not it asks for
 * them.
 */
@Command(
    name = "vision",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "MLPVision: detection and segmentation on vision-MLP backbones (DJL + PyTorch).")
public final class VisionCommand implements Runnable {
  /** Subcommands, in help order. */
  static final Object[] SUBCOMMANDS = {
    new EnvCommand(), new TrainCommand(), new TestCommand(), new DemoCommand()
  };

  /** Command groups: name, description, subcommands. */
  static final Group[] GROUPS = {
    new Group(
        "backbone",
        "Inspect and run backbones.",
        new Object[] {new BackboneInfoCommand(), new BackboneRunCommand()}),
    new Group(
        "detection",
        "Object detection and instance segmentation models.",
        new Object[] {new DetectionHeadsCommand()}),
    new Group(
        "dataset",
        "Create and inspect data sets.",
        new Object[] {new DatasetSynthCommand(), new DatasetInfoCommand()}),
    new Group(
        "eval",
        "Evaluate predictions (COCO AP, mIoU).",
        new Object[] {new EvalCocoCommand(), new EvalSegCommand()}),
    new Group(
        "bench",
        "Benchmarks: speed and memory of real work.",
        new Object[] {
          new BenchBackboneCommand(),
          new BenchDetectorCommand(),
          new BenchOpsCommand(),
          new BenchCocoEvalCommand(),
          new BenchPipelineCommand(),
          new BenchCocoParseCommand(),
          new BenchMemoryCommand()
        }),
  };

  /** A command group such as {@code vision bench}. */
  record Group(String name, String description, Object[] subcommands) {}

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** A configured command line with every subcommand registered. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new VisionCommand());
    for (Object sub : SUBCOMMANDS) {
      cl.addSubcommand(fresh(sub));
    }
    for (Group g : GROUPS) {
      if (g.subcommands().length == 0) {
        continue;
      }
      CommandLine group = new CommandLine(new GroupCommand());
      group.getCommandSpec().usageMessage().description(g.description());
      for (Object sub : g.subcommands()) {
        group.addSubcommand(fresh(sub));
      }
      cl.addSubcommand(g.name(), group);
    }
    withHelpEverywhere(cl);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(new ErrorHandler());
    return cl;
  }

  /**
   * A new instance of {@code command}'s class: picocli resets options to the values they had when
   * the tree was built, so a tree built on the shared instances above would start from the options
   * of the previous run in the same JVM (tests run many).
   */
  private static Object fresh(Object command) {
    try {
      var ctor = command.getClass().getDeclaredConstructor();
      ctor.setAccessible(true);
      return ctor.newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "command " + command.getClass() + " needs a no-arg constructor", e);
    }
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
