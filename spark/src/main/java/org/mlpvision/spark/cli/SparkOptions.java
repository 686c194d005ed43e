package org.mlpvision.spark.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.mlpvision.spark.InferenceJob;
import org.mlpvision.spark.JobReport;
import org.mlpvision.spark.Prediction;
import org.mlpvision.spark.data.Inputs;
import picocli.CommandLine.Option;

/** The options {@code vision spark test} and {@code vision spark infer} share. */
public final class SparkOptions {
  @Option(
      names = "--model",
      required = true,
      paramLabel = "DIR",
      description = "Model directory (vision export), any Hadoop path")
  String model;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "PATH",
      description =
          "A COCO annotation file (.json, with --images), an ADE20K folder (images/validation,"
              + " annotations/validation), a folder of images or a file listing image paths;"
              + " local, hdfs://, s3a://, ...")
  String data;

  @Option(
      names = "--images",
      paramLabel = "ROOT",
      description = "The image root of a COCO annotation file")
  String images;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description =
          "Spark master; default: the submitted application's, else local[*]. local[N] runs"
              + " embedded and retries a failed task as a cluster does (local[N,4])")
  String master;

  @Option(
      names = "--conf",
      paramLabel = "KEY=VALUE",
      description = "A Spark setting (repeatable), e.g. spark.executor.resource.gpu.amount=1")
  Map<String, String> conf = new LinkedHashMap<>();

  @Option(
      names = "--partitions",
      defaultValue = "0",
      description = "Partitions of the images (default: four per core of the application)")
  int partitions;

  @Option(
      names = "--batch-size",
      defaultValue = "1",
      description =
          "Images per batchPredict (default ${DEFAULT-VALUE}: vision test's batches, its numbers"
              + " bit for bit)")
  int batchSize;

  @Option(
      names = "--device",
      defaultValue = "auto",
      paramLabel = "auto|cpu",
      description =
          "auto: the GPU Spark assigns each task, else the CPU (default ${DEFAULT-VALUE})")
  String device;

  /** The job these options describe. */
  InferenceJob job(Prediction prediction, boolean evaluate, String out) {
    return new InferenceJob(
        model,
        Inputs.resolve(data, images),
        prediction,
        evaluate,
        out,
        partitions,
        batchSize,
        device);
  }

  /** The command's Spark context. */
  JavaSparkContext context(String command) {
    return SparkContexts.open("mlpvision " + command, master, conf);
  }

  /** The summary line of a finished job, and each skipped image, on standard error. */
  static void summarize(JobReport r) {
    System.err.printf(
        Locale.ROOT,
        "%d of %d images predicted in %.1f s (%.2f images/s) over %d partitions, %d skipped%n",
        r.predicted(),
        r.images(),
        r.seconds(),
        r.imagesPerSecond(),
        r.partitions(),
        r.skipped().size());
    r.skipped().forEach(s -> System.err.println("skipped: " + s));
    r.warnings().forEach(w -> System.err.println("warning: " + w));
  }
}
