package org.mlpvision.spark.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.mlpvision.datasets.synth.AdeShapesWriter;
import org.mlpvision.datasets.synth.CocoShapesWriter;
import org.mlpvision.datasets.synth.SynthSpec;
import org.mlpvision.spark.InferenceJob;
import org.mlpvision.spark.JobReport;
import org.mlpvision.spark.SparkInference;
import org.mlpvision.spark.data.InputSet;
import org.mlpvision.spark.data.Inputs;
import org.mlpvision.spark.io.HadoopFiles;
import org.mlpvision.zoo.ModelDirectory;
import org.mlpvision.zoo.ModelTask;

/**
 * Throughput of {@code vision spark test} on one Spark context: a model directory evaluated on a
 * synthetic set of its task (COCO shapes for a detector, ADE20K shapes for a segmentor), once
 * untimed on as many images as the context has cores (the model loads, the JIT warms up), then
 * timed on every image. The images/s of the timed job covers decoding, prediction, per-partition
 * evaluation and the driver's merge: what a real evaluation costs per image.
 */
public final class SparkBenchmark {
  private SparkBenchmark() {}

  /**
   * One measurement.
   *
   * @param cores the context's default parallelism (task slots)
   * @param images images of the timed job
   * @param seconds wall time of its distributed stage
   * @param imagesPerSecond images / seconds
   * @param cpuSecondsPerImage this process's CPU time over the timed job per image: with a local
   *     master the executors are this process, so it is the cost of an image in core-seconds,
   *     whatever other processes do with the machine's cores meanwhile
   */
  public record Measurement(
      int cores, long images, double seconds, double imagesPerSecond, double cpuSecondsPerImage) {}

  /**
   * Writes {@code images} synthetic images of {@code width × height} for the model's task into
   * {@code dir} and returns them as inputs with ground truth.
   */
  public static InputSet synthesize(String model, Path dir, int images, int width, int height) {
    ModelTask task;
    try {
      task = ModelDirectory.open(HadoopFiles.local(model)).metadata().task();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SynthSpec spec = new SynthSpec(dir, 0, images, width, height, 17);
    if (task == ModelTask.DETECTION) {
      CocoShapesWriter.write(spec);
      return Inputs.resolve(
          dir.resolve("annotations/instances_val2017.json").toString(),
          dir.resolve("val2017").toString());
    }
    AdeShapesWriter.write(spec);
    return Inputs.resolve(dir.toString(), null);
  }

  /** Evaluates the model on {@code inputs}: a warm-up job, then the timed one. */
  public static Measurement measure(
      JavaSparkContext sc,
      String model,
      InputSet inputs,
      int batchSize,
      Consumer<String> progress) {
    int cores = sc.defaultParallelism();
    InputSet warmup =
        new InputSet(
            inputs.kind(),
            inputs.annotations(),
            inputs.images().subList(0, Math.min(cores, inputs.images().size())));
    SparkInference.run(sc, job(model, warmup, batchSize), line -> {});
    long cpu0 = cpuNanos();
    JobReport r = SparkInference.run(sc, job(model, inputs, batchSize), progress);
    double cpu = (cpuNanos() - cpu0) / 1e9;
    return new Measurement(
        cores, r.predicted(), r.seconds(), r.imagesPerSecond(), cpu / Math.max(1, r.predicted()));
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static InferenceJob job(String model, InputSet inputs, int batchSize) {
    return new InferenceJob(model, inputs, null, true, null, 0, batchSize, "auto");
  }
}
