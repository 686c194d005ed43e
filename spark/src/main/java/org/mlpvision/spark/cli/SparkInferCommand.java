package org.mlpvision.spark.cli;

import java.util.concurrent.Callable;
import org.mlpvision.spark.JobReport;
import org.mlpvision.spark.Prediction;
import org.mlpvision.spark.SparkInference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vision spark infer}: a model directory predicted on Spark over any set of images, into one
 * COCO results file, label PNGs or an embeddings file.
 */
@Command(
    name = "infer",
    description =
        "Predict a model directory on Spark over a data set: results.json (detection),"
            + " labels/<stem>.png (segmentation) or embeddings.jsonl (--embeddings).")
public final class SparkInferCommand implements Callable<Integer> {
  @Mixin SparkOptions options;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder")
  String out;

  @Option(
      names = "--embeddings",
      description = "Pooled backbone embeddings instead of the model's task (feature extraction)")
  boolean embeddings;

  @Override
  public Integer call() {
    JobReport r =
        SparkInference.run(
            options.context("infer"),
            options.job(embeddings ? Prediction.EMBEDDING : null, false, out),
            System.err::println);
    SparkOptions.summarize(r);
    r.outputs().forEach(System.out::println);
    return 0;
  }
}
