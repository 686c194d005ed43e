package org.mlpvision.cli.train;

import com.google.inject.Injector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mlpvision.core.config.ConfigLoader;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.core.device.RuntimeConfig;
import org.mlpvision.core.inject.Tasks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vision test}: evaluates a checkpoint on the recipe's validation data. */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    description =
        "Evaluate a checkpoint on the recipe's validation data (classification: top-1 accuracy;"
            + " detection: box and mask AP).")
public final class TestCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, description = "Recipe JSON file")
  Path config;

  @Option(names = "--checkpoint", required = true, description = "A ckpt-*.ckpt file")
  Path checkpoint;

  @Option(names = "--json", description = "Also write the metrics to this JSON file")
  Path json;

  @Option(names = "--device", description = "auto, cpu or gpu:N (overrides runtime.device)")
  String device;

  @Option(
      names = "--out",
      paramLabel = "results.json",
      description = "Detection: also write the COCO results file (bbox and segm, masks as RLE)")
  Path out;

  @Override
  public Integer call() throws Exception {
    Injector recipe = Tasks.injector(ConfigSource.load(config));
    recipe.getInstance(RuntimeConfig.class).threads().apply();
    Map<String, Double> metrics =
        out == null
            ? Tasks.runner(recipe).test(checkpoint, device)
            : Tasks.runner(recipe).test(checkpoint, device, out);
    metrics.forEach((k, v) -> System.out.printf(Locale.ROOT, "%-10s %s%n", k, format(v)));
    if (json != null) {
      if (json.toAbsolutePath().getParent() != null) {
        Files.createDirectories(json.toAbsolutePath().getParent());
      }
      Files.writeString(json, ConfigLoader.mapper().writeValueAsString(metrics) + "\n");
    }
    return 0;
  }

  private static String format(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4f", v);
  }
}
