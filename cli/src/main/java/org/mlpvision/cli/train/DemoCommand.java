package org.mlpvision.cli.train;

import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Injector;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mlpvision.core.config.ConfigLoader;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.core.device.RuntimeConfig;
import org.mlpvision.core.inject.Tasks;
import org.mlpvision.core.train.RunOptions;
import org.mlpvision.core.train.StartMode;
import org.mlpvision.core.train.TrainResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vision demo}: the self-contained demonstration. Trains and evaluates each demo recipe
 * shipped in the jar in turn (today the narrow Hire-MLP classifier on the synthetic shape set),
 * each through its task's runner with a progress bar, and writes {@code DIR/<task>/} work
 * directories (a previous demo's are started over) plus {@code summary.json} with one object per
 * task: the final evaluation's metrics, iterations, seconds and the work directory.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Train and evaluate on embedded synthetic data; writes DIR/summary.json.")
public final class DemoCommand implements Callable<Integer> {
  /**
   * The demo recipes in the jar, in run order, one per task (a task adds its recipe here; its
   * module packages it from {@code configs/<task>/}).
   */
  static final List<String> RECIPES =
      List.of(
          "/configs/classification/hire_mlp_narrow_shapes.json",
          "/configs/detection/cascade_mask_rcnn_asmlp_narrow_fpn_coco_shapes.json",
          "/configs/segmentation/upernet_as_mlp_narrow_128x128_500_ade_shapes.json");

  @Option(names = "--out", description = "Output directory (default: demo-output)")
  Path out = Path.of("demo-output");

  @Option(
      names = "--task",
      split = ",",
      description = "Run only these tasks (default: every demo task)")
  List<String> tasks;

  @Option(names = "--max-iters", description = "Override each recipe's iterations")
  Integer maxIters;

  @Option(names = "--device", description = "auto, cpu or gpu:N")
  String device;

  @Option(names = "--seed", description = "Override each recipe's runtime.seed")
  Long seed;

  @Override
  public Integer call() throws Exception {
    Map<String, Injector> all = new LinkedHashMap<>();
    for (String resource : RECIPES) {
      ConfigSource source = ConfigSource.of(resource, readRecipe(resource));
      if (seed != null) {
        source = source.with("runtime.seed", LongNode.valueOf(seed));
      }
      Injector recipe = Tasks.injector(source);
      all.put(task(recipe), recipe);
    }
    List<Injector> selected = new ArrayList<>();
    for (Map.Entry<String, Injector> e : all.entrySet()) {
      if (tasks == null || tasks.contains(e.getKey())) {
        selected.add(e.getValue());
      }
    }
    if (selected.isEmpty()) {
      throw new IllegalArgumentException(
          "--task " + String.join(",", tasks) + " names no demo task; known: " + all.keySet());
    }
    // Threads must be set before the engine loads: the first recipe's settings hold for all.
    selected.get(0).getInstance(RuntimeConfig.class).threads().apply();
    for (Injector recipe : selected) {
      String task = task(recipe);
      Path workDir = out.resolve(task);
      System.out.println(
          "demo: " + task + " (" + recipe.getInstance(ConfigSource.class).source() + ")");
      TrainResult r =
          Tasks.runner(recipe)
              .train(new RunOptions(workDir, StartMode.OVERWRITE, maxIters, device, true));
      System.out.printf(
          Locale.ROOT,
          "%s: %s after %d iterations in %.1f s (work dir %s)%n",
          task,
          format(r.validation()),
          r.iterations(),
          r.seconds(),
          workDir);
      writeSummary(task, r, workDir);
    }
    return 0;
  }

  private static String task(Injector recipe) {
    return recipe.getInstance(ConfigSource.class).root().path("task").asText();
  }

  private static String format(Map<String, Double> metrics) {
    List<String> parts = new ArrayList<>();
    metrics.forEach((k, v) -> parts.add(String.format(Locale.ROOT, "%s %.4f", k, v)));
    return String.join(", ", parts);
  }

  private void writeSummary(String task, TrainResult r, Path workDir) throws IOException {
    Path file = out.resolve("summary.json");
    // Every task adds its own object to the same summary.
    ObjectNode summary =
        Files.exists(file)
            ? (ObjectNode) ConfigLoader.mapper().readTree(file.toFile())
            : ConfigLoader.mapper().createObjectNode();
    ObjectNode entry = summary.putObject(task);
    r.validation().forEach(entry::put);
    entry.put("iterations", r.iterations());
    entry.put("seconds", Math.round(r.seconds() * 10) / 10.0);
    entry.put("work_dir", workDir.toString());
    Files.createDirectories(out);
    Files.writeString(file, ConfigLoader.mapper().writeValueAsString(summary) + "\n");
    System.out.println("summary: " + file);
  }

  private static String readRecipe(String resource) throws IOException {
    try (InputStream in = DemoCommand.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("the demo recipe " + resource + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
