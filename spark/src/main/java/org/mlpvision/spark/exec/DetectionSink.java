package org.mlpvision.spark.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mlpvision.detection.task.CocoResultsWriter;
import org.mlpvision.eval.coco.CocoDetectionEvaluator;
import org.mlpvision.spark.JobSpec;
import org.mlpvision.spark.data.ImageRecord;
import org.mlpvision.spark.io.HadoopFiles;
import org.mlpvision.zoo.InstanceArrays;
import org.mlpvision.zoo.ModelMetadata;

/**
 * A partition's detections: evaluated per image against the COCO ground truth on one thread (the
 * executor's cores run tasks; the partial state is the per-image evaluation records) and written as
 * this attempt's part of the COCO results file, in the format and order {@code vision test --out}
 * writes.
 */
final class DetectionSink implements PartitionSink<InstanceArrays> {
  private final CocoDetectionEvaluator evaluator;
  private final Path local;
  private final CocoResultsWriter writer;
  private final String part;
  private final List<long[]> sizes;
  private boolean finished;

  DetectionSink(JobSpec spec, ModelMetadata meta, int partition, long attempt) throws IOException {
    evaluator = spec.evaluate() ? Evaluations.coco(spec, meta, 1) : null;
    if (spec.out() != null) {
      local = Files.createTempFile("mlpvision-results-", ".json");
      writer = new CocoResultsWriter(local, meta.categoryMap());
      part =
          HadoopFiles.join(spec.staging(), String.format("part-%05d-%d.json", partition, attempt));
      sizes = spec.annotations() == null ? new ArrayList<>() : null;
    } else {
      local = null;
      writer = null;
      part = null;
      sizes = null;
    }
  }

  @Override
  public void accept(ImageRecord image, InstanceArrays a) throws IOException {
    if (evaluator != null) {
      evaluator.add(
          image.cocoId(), a.height(), a.width(), a.boxes(), a.scores(), a.labels(), a.masks());
    }
    if (writer != null) {
      writer.write(
          image.cocoId(), a.height(), a.width(), a.boxes(), a.scores(), a.labels(), a.masks());
    }
    if (sizes != null) {
      sizes.add(new long[] {image.cocoId(), a.width(), a.height()});
    }
  }

  @Override
  public PartitionOutput finish() throws IOException {
    finished = true;
    if (writer != null) {
      writer.close();
      HadoopFiles.moveFromLocal(local, part);
    }
    return new PartitionOutput(
        evaluator == null ? null : new ArrayList<>(evaluator.partial()),
        part,
        sizes == null ? List.of() : sizes);
  }

  @Override
  public void close() throws IOException {
    if (evaluator != null) {
      evaluator.close();
    }
    if (writer != null && !finished) {
      writer.close();
    }
    if (local != null) {
      Files.deleteIfExists(local);
    }
  }
}
