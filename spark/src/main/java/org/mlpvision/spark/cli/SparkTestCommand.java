package org.mlpvision.spark.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mlpvision.core.config.ConfigLoader;
import org.mlpvision.spark.JobReport;
import org.mlpvision.spark.SparkInference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vision spark test}: a model directory evaluated on Spark against a COCO annotation file
 * (box and mask AP) or an ADE20K folder (mIoU), with the metrics of {@code vision test} bit for
 * bit.
 */
@Command(
    name = "test",
    description =
        "Evaluate a model directory on Spark: COCO box/mask AP or ADE20K mIoU, the numbers of"
            + " vision test.")
public final class SparkTestCommand implements Callable<Integer> {
  @Mixin SparkOptions options;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Also write results.json (detection) or labels/<stem>.png (segmentation)")
  String out;

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description = "Also write the metrics to this JSON file (as vision test --json)")
  Path json;

  @Override
  public Integer call() throws Exception {
    JobReport r =
        SparkInference.run(
            options.context("test"), options.job(null, true, out), System.err::println);
    SparkOptions.summarize(r);
    r.metrics()
        .forEach(
            (k, v) -> {
              if (!k.contains(".")) {
                System.out.printf(Locale.ROOT, "%-10s %s%n", k, format(v));
              }
            });
    if (json != null) {
      Path parent = json.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(json, ConfigLoader.mapper().writeValueAsString(r.metrics()) + "\n");
    }
    return 0;
  }

  private static String format(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4f", v);
  }
}
