package org.mlpvision.cli.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mlpvision.core.config.ConfigLoader;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.core.device.RuntimeConfig;
import org.mlpvision.core.train.RunOptions;
import org.mlpvision.core.train.TrainResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vision demo}: the self-contained demonstration. Generates the synthetic shape set, trains
 * the shipped narrow Hire-MLP classifier with a progress bar, reports top-1 accuracy, and writes
 * the work directory plus {@code summary.json} with one object per task.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Train and evaluate on embedded synthetic data; writes DIR/summary.json.")
public final class DemoCommand implements Callable<Integer> {
  /** The shipped recipe, packaged from configs/classification/ into the jar. */
  static final String RECIPE = "/configs/classification/hire_mlp_narrow_shapes.json";

  @Option(names = "--out", description = "Output directory (default: demo-output)")
  Path out = Path.of("demo-output");

  @Option(names = "--max-iters", description = "Override the recipe's iterations")
  Integer maxIters;

  @Option(names = "--device", description = "auto, cpu or gpu:N")
  String device;

  @Override
  public Integer call() throws Exception {
    ConfigSource src = ConfigSource.of(RECIPE, readRecipe());
    src.section("runtime", RuntimeConfig.class).threads().apply();
    Path workDir = out.resolve("classification");
    System.out.println("demo: classification of synthetic shapes with a narrow Hire-MLP");
    TrainResult r =
        TaskRunners.forRecipe(src)
            .train(src, new RunOptions(workDir, false, maxIters, device, true));
    double top1 = r.validation().getOrDefault("top1", Double.NaN);
    System.out.printf(
        Locale.ROOT,
        "classification: top-1 %.2f%% after %d iterations in %.1f s (work dir %s)%n",
        100 * top1,
        r.iterations(),
        r.seconds(),
        workDir);
    writeSummary(top1, r);
    return 0;
  }

  private void writeSummary(double top1, TrainResult r) throws IOException {
    Path file = out.resolve("summary.json");
    // Other tasks add their own objects to the same summary.
    ObjectNode summary =
        Files.exists(file)
            ? (ObjectNode) ConfigLoader.mapper().readTree(file.toFile())
            : ConfigLoader.mapper().createObjectNode();
    ObjectNode cls = summary.putObject("classification");
    cls.put("top1", top1);
    cls.put("iterations", r.iterations());
    cls.put("seconds", Math.round(r.seconds() * 10) / 10.0);
    cls.put("work_dir", out.resolve("classification").toString());
    Files.createDirectories(out);
    Files.writeString(file, ConfigLoader.mapper().writeValueAsString(summary) + "\n");
    System.out.println("summary: " + file);
  }

  private static String readRecipe() throws IOException {
    try (InputStream in = DemoCommand.class.getResourceAsStream(RECIPE)) {
      if (in == null) {
        throw new IOException("the demo recipe " + RECIPE + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
