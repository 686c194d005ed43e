package org.mlpvision.cli.train;

import com.fasterxml.jackson.databind.node.LongNode;
import com.google.inject.Injector;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.core.device.RuntimeConfig;
import org.mlpvision.core.inject.Tasks;
import org.mlpvision.core.train.RunOptions;
import org.mlpvision.core.train.StartMode;
import org.mlpvision.core.train.TrainResult;
import org.mlpvision.core.train.WorkDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vision train}: trains a recipe with the shared engine. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description =
        "Train a recipe (config, metrics.jsonl, checkpoints and curves.png in the work dir).")
public final class TrainCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, description = "Recipe JSON file")
  Path config;

  @Option(names = "--work-dir", description = "Work directory (default: work_dirs/<recipe name>)")
  Path workDir;

  @Option(
      names = "--resume",
      description = "Continue the work dir's run from its newest checkpoint that reads back")
  boolean resume;

  @Option(
      names = "--overwrite",
      description = "Start a new run in a used work dir, removing its checkpoints and metrics")
  boolean overwrite;

  @Option(names = "--max-iters", description = "Override train.max_iters")
  Integer maxIters;

  @Option(names = "--device", description = "auto, cpu or gpu:N (overrides runtime.device)")
  String device;

  @Option(names = "--seed", description = "Override runtime.seed")
  Long seed;

  @Option(names = "--no-progress", description = "No progress bar")
  boolean noProgress;

  @Override
  public Integer call() throws Exception {
    ConfigSource source = ConfigSource.load(config);
    if (seed != null) {
      source = source.with("runtime.seed", LongNode.valueOf(seed));
    }
    Injector recipe = Tasks.injector(source);
    Path dir = workDir != null ? workDir : defaultWorkDir(config);
    if (resume && overwrite) {
      throw new IllegalArgumentException("--resume and --overwrite exclude each other");
    }
    StartMode mode = resume ? StartMode.RESUME : overwrite ? StartMode.OVERWRITE : StartMode.FRESH;
    WorkDir.check(dir, mode); // before any set-up work
    // Threads must be set before the engine loads.
    recipe.getInstance(RuntimeConfig.class).threads().apply();
    TrainResult r =
        Tasks.runner(recipe).train(new RunOptions(dir, mode, maxIters, device, !noProgress));
    // The resume itself (the checkpoint taken, the files passed over and why) is logged.
    System.out.printf(
        Locale.ROOT,
        "trained %d iterations (from %d) in %.1f s; last loss %.4f; validation %s%n"
            + "work dir %s; checkpoint %s%n",
        r.iterations(),
        r.startIteration(),
        r.seconds(),
        r.lastLoss(),
        r.validation(),
        dir,
        r.lastCheckpoint());
    return 0;
  }

  static Path defaultWorkDir(Path config) {
    String name = config.getFileName().toString().replaceFirst("\\.json$", "");
    return Path.of("work_dirs", name);
  }
}
