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
import org.mlpvision.core.train.TestOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vision test}: evaluates a checkpoint on the recipe's validation data. */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    description =
        "Evaluate a checkpoint on the recipe's validation data (classification: top-1 accuracy;"
            + " detection: box and mask AP; segmentation: aAcc, mIoU, mAcc and the per-class table).")
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
      names = "--mode",
      paramLabel = "whole|slide",
      description = "Segmentation: inference mode (default: the recipe's test_cfg)")
  String mode;

  @Option(names = "--aug-test", description = "Segmentation: multi-scale + flip test (mmseg's)")
  boolean augTest;

  @Option(
      names = "--show-dir",
      paramLabel = "DIR",
      description = "Segmentation: write every prediction blended over its image")
  Path showDir;

  @Option(
      names = "--out",
      paramLabel = "results.json",
      description = "Detection: also write the COCO results file (bbox and segm, masks as RLE)")
  Path out;

  @Override
  public Integer call() throws Exception {
    Injector recipe = Tasks.injector(ConfigSource.load(config));
    recipe.getInstance(RuntimeConfig.class).threads().apply();
    if (mode != null && !mode.equals("whole") && !mode.equals("slide")) {
      throw new IllegalArgumentException("--mode must be whole or slide, got " + mode);
    }
    Map<String, Double> metrics =
        Tasks.runner(recipe).test(new TestOptions(checkpoint, device, mode, augTest, showDir, out));
    // Per-class values (IoU.<class>, ...) are in the runner's table and in --json.
    metrics.forEach(
        (k, v) -> {
          if (!k.contains(".")) {
            System.out.printf(Locale.ROOT, "%-10s %s%n", k, format(v));
          }
        });
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
