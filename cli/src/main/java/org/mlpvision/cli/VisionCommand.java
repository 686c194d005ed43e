package org.mlpvision.cli;

import java.util.ArrayList;
import java.util.List;
import org.mlpvision.cli.apps.ExportCommand;
import org.mlpvision.cli.apps.InferCommand;
import org.mlpvision.cli.backbone.BackboneInfoCommand;
import org.mlpvision.cli.backbone.BackboneRunCommand;
import org.mlpvision.cli.bench.BenchBackboneCommand;
import org.mlpvision.cli.bench.BenchCocoEvalCommand;
import org.mlpvision.cli.bench.BenchCocoParseCommand;
import org.mlpvision.cli.bench.BenchDetectorCommand;
import org.mlpvision.cli.bench.BenchMemoryCommand;
import org.mlpvision.cli.bench.BenchOpsCommand;
import org.mlpvision.cli.bench.BenchPipelineCommand;
import org.mlpvision.cli.bench.BenchSegmentorCommand;
import org.mlpvision.cli.dataset.DatasetInfoCommand;
import org.mlpvision.cli.dataset.DatasetSynthCommand;
import org.mlpvision.cli.detection.DetectionHeadsCommand;
import org.mlpvision.cli.eval.EvalCocoCommand;
import org.mlpvision.cli.eval.EvalSegCommand;
import org.mlpvision.cli.segmentation.SegmentationHeadsCommand;
import org.mlpvision.cli.train.DemoCommand;
import org.mlpvision.cli.train.TestCommand;
import org.mlpvision.cli.train.TrainCommand;
import org.mlpvision.spark.cli.BenchSparkCommand;
import org.mlpvision.spark.cli.SparkInferCommand;
import org.mlpvision.spark.cli.SparkTestCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The top-level {@code vision} command. Each capability adds its subcommand to {@link
 * #SUBCOMMANDS}, or to one of the groups ({@code bench}, {@code dataset}, {@code eval}, {@code
 * backbone}, {@code detection}, {@code segmentation}); a group without subcommands is not shown, so
 * only working commands are listed. Every command takes {@code --help} and {@code --version},
 * whether or not it asks for them.
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
    EnvCommand.class,
    TrainCommand.class,
    TestCommand.class,
    DemoCommand.class,
    ExportCommand.class,
    InferCommand.class
  };

  /** Command groups: name, description, subcommands. */
  static final Group[] GROUPS = {
    new Group(
        "backbone",
        "Inspect and run backbones.",
        new Class<?>[] {BackboneInfoCommand.class, BackboneRunCommand.class}),
    new Group(
        "detection",
        "Object detection and instance segmentation models.",
        new Class<?>[] {DetectionHeadsCommand.class}),
    new Group(
        "dataset",
        "Create and inspect data sets.",
        new Class<?>[] {DatasetSynthCommand.class, DatasetInfoCommand.class}),
    new Group(
        "eval",
        "Evaluate predictions (COCO AP, mIoU).",
        new Class<?>[] {EvalCocoCommand.class, EvalSegCommand.class}),
    new Group(
        "segmentation",
        "UperNet segmentation: parity runs of the heads.",
        new Class<?>[] {SegmentationHeadsCommand.class}),
    new Group(
        "bench",
        "Benchmarks: speed and memory of real work.",
        new Class<?>[] {
          BenchBackboneCommand.class,
          BenchDetectorCommand.class,
          BenchSegmentorCommand.class,
          BenchOpsCommand.class,
          BenchCocoEvalCommand.class,
          BenchPipelineCommand.class,
          BenchCocoParseCommand.class,
          BenchMemoryCommand.class,
          BenchSparkCommand.class
        }),
    new Group(
        "spark",
        "Distributed evaluation and inference of model directories on Apache Spark.",
        new Class<?>[] {SparkTestCommand.class, SparkInferCommand.class}),
  };

  /** A command group such as {@code vision bench}. */
  record Group(String name, String description, Class<?>[] subcommands) {}

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
    for (Class<?> sub : SUBCOMMANDS) {
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
      for (Class<?> sub : g.subcommands()) {
        if (second == null || second.equals(nameOf(sub))) {
          group.addSubcommand(sub);
        }
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

  /** {@code args[i]} when it names one of {@code commands}, else null. */
  private static String nameIn(String[] args, int i, List<?> commands) {
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
        : ((Class<?>) command).getAnnotation(Command.class).name();
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
