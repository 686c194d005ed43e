package org.mlpvision.spark.exec;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.output.CategoryMask;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.util.LongAccumulator;
import org.mlpvision.core.device.Autograd;
import org.mlpvision.core.device.ThreadSettings;
import org.mlpvision.datasets.DatasetException;
import org.mlpvision.spark.JobSpec;
import org.mlpvision.spark.data.ImageRecord;
import org.mlpvision.zoo.InstanceArrays;
import org.mlpvision.zoo.ModelMetadata;
import org.mlpvision.zoo.block.VisionBlock;

/**
 * One partition of a job, run by {@code mapPartitionsWithIndex} on an executor: the model of this
 * JVM and the task's device ({@link ExecutorModels}, {@link TaskDevices}), the images decoded and
 * predicted {@code batchSize} at a time with {@code batchPredict}, every prediction handed to the
 * partition's sink (evaluation and output part), and one {@link PartitionResult} returned. Images
 * that cannot be decoded are counted, named and skipped; any other failure fails the task.
 *
 * <p>The accumulators count images predicted and skipped for the driver's progress line; Spark
 * applies the counts of successful attempts only.
 */
public final class PartitionRunner
    implements Function2<Integer, Iterator<ImageRecord>, Iterator<PartitionResult>> {
  private static final long serialVersionUID = 1L;

  private final JobSpec spec;
  private final LongAccumulator predicted;
  private final LongAccumulator skipped;

  /**
   * @param spec what the job does
   * @param predicted counts images predicted
   * @param skipped counts images skipped
   */
  public PartitionRunner(JobSpec spec, LongAccumulator predicted, LongAccumulator skipped) {
    this.spec = spec;
    this.predicted = predicted;
    this.skipped = skipped;
  }

  @Override
  public Iterator<PartitionResult> call(Integer partition, Iterator<ImageRecord> images)
      throws Exception {
    long t0 = System.nanoTime();
    TaskContext task = TaskContext.get();
    long attempt = task == null ? 0 : task.taskAttemptId();
    if (task != null && ThreadSettings.current().intraOp() == 0) {
      // Before the engine loads on a fresh executor: one core per task is spark.task.cpus threads.
      new ThreadSettings(task.cpus(), 1).apply();
    }
    Engine.getEngine("PyTorch"); // loads libtorch before the device lookup
    Device device = TaskDevices.current(spec.device());
    // On a task thread autograd would be on (see Autograd): numbers would differ from vision
    // test's.
    PartitionResult r =
        Autograd.off(() -> predictPartition(partition, images, attempt, device, t0));
    return List.of(r).iterator();
  }

  private PartitionResult predictPartition(
      int partition, Iterator<ImageRecord> images, long attempt, Device device, long t0)
      throws Exception {
    return switch (spec.prediction()) {
      case DETECTION -> {
        ZooModel<Image, InstanceArrays> model =
            ExecutorModels.get(spec.model(), device, InstanceArrays.class);
        try (DetectionSink sink = new DetectionSink(spec, metadata(model), partition, attempt)) {
          yield run(model, sink, images, partition, attempt, t0);
        }
      }
      case SEGMENTATION -> {
        ZooModel<Image, CategoryMask> model =
            ExecutorModels.get(spec.model(), device, CategoryMask.class);
        try (SegmentationSink sink = new SegmentationSink(spec, metadata(model))) {
          yield run(model, sink, images, partition, attempt, t0);
        }
      }
      case EMBEDDING -> {
        ZooModel<Image, float[]> model = ExecutorModels.get(spec.model(), device, float[].class);
        try (EmbeddingSink sink = new EmbeddingSink(spec, partition, attempt)) {
          yield run(model, sink, images, partition, attempt, t0);
        }
      }
    };
  }

  private static ModelMetadata metadata(ZooModel<Image, ?> model) {
    return ((VisionBlock) model.getBlock()).model().metadata();
  }

  private <O> PartitionResult run(
      ZooModel<Image, O> model,
      PartitionSink<O> sink,
      Iterator<ImageRecord> images,
      int partition,
      long attempt,
      long t0)
      throws Exception {
    List<String> bad = new ArrayList<>();
    long done = 0;
    try (Predictor<Image, O> predictor = model.newPredictor()) {
      List<ImageRecord> records = new ArrayList<>(spec.batchSize());
      List<Image> batch = new ArrayList<>(spec.batchSize());
      while (images.hasNext()) {
        ImageRecord r = images.next();
        try {
          batch.add(ImageSource.read(r.path()));
          records.add(r);
        } catch (DatasetException e) {
          bad.add(e.getMessage());
          skipped.add(1);
        }
        if (batch.size() == spec.batchSize() || (!images.hasNext() && !batch.isEmpty())) {
          done += predict(predictor, records, batch, sink);
          records.clear();
          batch.clear();
        }
      }
    }
    PartitionOutput out = sink.finish();
    return new PartitionResult(partition, attempt, done, bad, out, (System.nanoTime() - t0) / 1e9);
  }

  private <O> int predict(
      Predictor<Image, O> predictor,
      List<ImageRecord> records,
      List<Image> batch,
      PartitionSink<O> sink)
      throws Exception {
    List<O> outputs;
    try {
      outputs = predictor.batchPredict(batch);
    } catch (TranslateException e) {
      throw new IllegalStateException(
          "prediction failed on a batch from " + records.get(0).path() + ": " + e.getMessage(), e);
    }
    for (int i = 0; i < outputs.size(); i++) {
      sink.accept(records.get(i), outputs.get(i));
    }
    predicted.add(outputs.size());
    return outputs.size();
  }
}
