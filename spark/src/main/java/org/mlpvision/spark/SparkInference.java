package org.mlpvision.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;
import org.mlpvision.spark.data.ImageRecord;
import org.mlpvision.spark.data.InputSet;
import org.mlpvision.spark.driver.OutputCommit;
import org.mlpvision.spark.driver.StageProgress;
import org.mlpvision.spark.exec.Evaluations;
import org.mlpvision.spark.exec.PartitionResult;
import org.mlpvision.spark.exec.PartitionRunner;
import org.mlpvision.spark.io.HadoopFiles;
import org.mlpvision.zoo.ModelDirectory;
import org.mlpvision.zoo.ModelMetadata;
import org.mlpvision.zoo.ModelTask;

/**
 * The driver of a distributed inference job on Spark: the images are split into contiguous
 * partitions in data-set order, each partition predicted by {@link PartitionRunner} on an executor,
 * and the one result per partition that Spark's scheduler accepted is merged here: the evaluators'
 * partial states into the metrics (bit for bit those of {@code vision test}), the staged output
 * parts into one output file ({@link OutputCommit}).
 *
 * <p>Outputs in {@code out}: {@code results.json} (detection: every detection of the model's {@code
 * test_cfg}, as {@code vision test --out} writes it; with {@code images.json} for plain images),
 * {@code labels/<stem>.png} (segmentation), {@code embeddings.jsonl} (feature extraction).
 */
public final class SparkInference {
  /** The COCO results file in the output folder. */
  public static final String RESULTS = "results.json";

  /** The COCO {@code images} entries of a results file on plain images. */
  public static final String IMAGES = "images.json";

  /** The embeddings file in the output folder. */
  public static final String EMBEDDINGS = "embeddings.jsonl";

  /** Partitions per core of the application when the job does not say. */
  static final int PARTITIONS_PER_CORE = 4;

  private SparkInference() {}

  /**
   * Runs {@code job} on {@code sc}.
   *
   * @param progress receives the progress lines of the stage
   * @throws IllegalArgumentException when the job does not fit the model or the inputs (evaluating
   *     a detector without COCO annotations, a segmentor without an ADE20K folder, embeddings
   *     without an output folder)
   */
  public static JobReport run(JavaSparkContext sc, InferenceJob job, Consumer<String> progress) {
    ModelMetadata meta = metadata(job.model());
    InputSet inputs = job.inputs();
    Prediction prediction = job.prediction() != null ? job.prediction() : of(meta.task());
    check(job, prediction, meta, inputs);
    String staging =
        job.out() == null ? null : HadoopFiles.join(job.out(), "_temporary/" + UUID.randomUUID());
    JobSpec spec =
        new JobSpec(
            job.model(),
            prediction,
            job.evaluate(),
            inputs.annotations(),
            inputs.kind() == InputSet.Kind.ADE20K,
            job.out(),
            staging,
            job.batchSize(),
            job.device());
    List<ImageRecord> images = inputs.images();
    if (images.isEmpty()) {
      throw new IllegalArgumentException("the job has no images");
    }
    int partitions =
        Math.min(
            images.size(),
            job.partitions() > 0
                ? job.partitions()
                : PARTITIONS_PER_CORE * sc.defaultParallelism());
    LongAccumulator predicted = sc.sc().longAccumulator("mlpvision images predicted");
    LongAccumulator skipped = sc.sc().longAccumulator("mlpvision images skipped");
    List<PartitionResult> results;
    long t0 = System.nanoTime();
    try (StageProgress stage =
        new StageProgress(predicted, skipped, images.size(), 2000, progress)) {
      sc.sc().addSparkListener(stage);
      try {
        sc.setJobDescription(
            "mlpvision "
                + prediction.name().toLowerCase(Locale.ROOT)
                + ": "
                + images.size()
                + " images");
        results =
            sc.parallelize(images, partitions)
                .mapPartitionsWithIndex(new PartitionRunner(spec, predicted, skipped), false)
                .collect();
      } catch (RuntimeException e) {
        if (staging != null) {
          HadoopFiles.deleteRecursively(staging); // the parts of a failed job are of no use
        }
        throw e;
      } finally {
        sc.sc().removeSparkListener(stage);
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    results = accepted(results, partitions);
    List<String> warnings = new ArrayList<>();
    Map<String, Double> metrics = new LinkedHashMap<>();
    if (job.evaluate()) {
      List<Serializable> partials = results.stream().map(r -> r.output().partial()).toList();
      metrics.putAll(Evaluations.merge(spec, meta, partials, warnings));
      metrics.put("images", (double) images.size());
    }
    List<String> outputs = job.out() == null ? List.of() : commit(spec, inputs, results);
    List<String> bad = new ArrayList<>();
    long done = 0;
    for (PartitionResult r : results) {
      bad.addAll(r.skipped());
      done += r.predicted();
    }
    return new JobReport(metrics, images.size(), done, bad, partitions, seconds, outputs, warnings);
  }

  private static ModelMetadata metadata(String model) {
    try {
      return ModelDirectory.open(HadoopFiles.local(model)).metadata();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Prediction of(ModelTask task) {
    return task == ModelTask.DETECTION ? Prediction.DETECTION : Prediction.SEGMENTATION;
  }

  private static void check(
      InferenceJob job, Prediction prediction, ModelMetadata meta, InputSet inputs) {
    if (prediction == Prediction.DETECTION && meta.task() != ModelTask.DETECTION
        || prediction == Prediction.SEGMENTATION && meta.task() != ModelTask.SEGMENTATION) {
      throw new IllegalArgumentException(
          job.model() + " is a " + meta.task() + " model; it cannot predict " + prediction);
    }
    if (job.evaluate()) {
      InputSet.Kind needed =
          switch (prediction) {
            case DETECTION -> InputSet.Kind.COCO;
            case SEGMENTATION -> InputSet.Kind.ADE20K;
            case EMBEDDING ->
                throw new IllegalArgumentException("embeddings have nothing to evaluate");
          };
      if (inputs.kind() != needed) {
        throw new IllegalArgumentException(
            "evaluating a "
                + meta.task()
                + " model needs "
                + (needed == InputSet.Kind.COCO
                    ? "a COCO annotation file (--data ANN.json --images ROOT)"
                    : "an ADE20K folder (--data DIR with images/ and annotations/)")
                + ", got "
                + inputs.kind());
      }
    }
    if (prediction == Prediction.EMBEDDING && job.out() == null) {
      throw new IllegalArgumentException("embeddings need an output folder (--out)");
    }
  }

  /**
   * The results in partition order, exactly one per partition; anything else would count images
   * twice or not at all.
   */
  private static List<PartitionResult> accepted(List<PartitionResult> results, int partitions) {
    List<PartitionResult> sorted =
        results.stream().sorted(Comparator.comparingInt(PartitionResult::partition)).toList();
    for (int i = 0; i < partitions; i++) {
      if (sorted.size() != partitions || sorted.get(i).partition() != i) {
        throw new IllegalStateException(
            "expected one result for each of " + partitions + " partitions, got " + sorted.size());
      }
    }
    return sorted;
  }

  /** Joins the accepted parts into the output files and deletes the staging folder. */
  private static List<String> commit(JobSpec spec, InputSet inputs, List<PartitionResult> results) {
    List<String> parts = results.stream().map(r -> r.output().part()).toList();
    List<String> written = new ArrayList<>();
    switch (spec.prediction()) {
      case DETECTION -> {
        String file = HadoopFiles.join(spec.out(), RESULTS);
        OutputCommit.jsonArrays(parts, file);
        written.add(file);
        if (inputs.kind() == InputSet.Kind.IMAGES) {
          String images = HadoopFiles.join(spec.out(), IMAGES);
          List<long[]> sizes = new ArrayList<>();
          results.forEach(r -> sizes.addAll(r.output().sizes()));
          Map<Long, String> names = new LinkedHashMap<>();
          inputs.images().forEach(r -> names.put(r.cocoId(), r.id()));
          OutputCommit.images(sizes, sizes.stream().map(s -> names.get(s[0])).toList(), images);
          written.add(images);
        }
      }
      case EMBEDDING -> {
        String file = HadoopFiles.join(spec.out(), EMBEDDINGS);
        OutputCommit.lines(parts, file);
        written.add(file);
      }
      case SEGMENTATION -> written.add(HadoopFiles.join(spec.out(), "labels"));
    }
    if (spec.staging() != null) {
      HadoopFiles.deleteRecursively(spec.staging());
      HadoopFiles.deleteIfEmpty(HadoopFiles.join(spec.out(), "_temporary"));
    }
    return written;
  }
}
