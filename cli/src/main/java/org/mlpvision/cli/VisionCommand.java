package org.mlpvision.cli;

import java.util.ArrayList;
import java.util.List;
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
 * backbone}); a group without subcommands is not shown, so only working commands are listed.
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
    return commandLine(new String[0]);
  }

  /**
   * A configured command line for {@code args}: when they start with a command's name ({@code eval
   * coco}), only that branch of the tree is registered, since building every command's model costs
   * about 0.2 s of CPU, a fifth of a short {@code eval coco}; otherwise every subcommand.
   */
  public static CommandLine commandLine(String... args) {
    List<Object> top = new ArrayList<>(List.of(SUBCOMMANDS));
    top.addAll(List.of(GROUPS));
    String first = nameIn(args, 0, top);
    CommandLine cl = new CommandLine(new VisionCommand());
    for (Object sub : SUBCOMMANDS) {
      if (first == null || first.equals(nameOf(sub))) {
        cl.addSubcommand(sub);
      }
    }
    for (Group g : GROUPS) {
      if (g.subcommands().length == 0 || first != null && !first.equals(g.name())) {
        continue;
      }
      String second = first == null ? null : nameIn(args, 1, List.of(g.subcommands()));
      CommandLine group = new CommandLine(new GroupCommand());
      group.getCommandSpec().usageMessage().description(g.description());
      for (Object sub : g.subcommands()) {
        if (second == null || second.equals(nameOf(sub))) {
          group.addSubcommand(sub);
        }
      }
      cl.addSubcommand(g.name(), group);
    }
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(new ErrorHandler());
    return cl;
  }

  /** {@code args[i]} when it names one of {@code commands}, else null. */
  private static String nameIn(String[] args, int i, List<Object> commands) {
    if (args.length > i) {
      for (Object c : commands) {
        if (nameOf(c).equals(args[i])) {
          return args[i];
        }
      }
    }
    return null;
  }

  private static String nameOf(Object command) {
    return command instanceof Group g
        ? g.name()
        : command.getClass().getAnnotation(Command.class).name();
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
