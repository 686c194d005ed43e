package org.mlpvision.spark.exec;

import ai.djl.Device;
import ai.djl.modality.cv.output.CategoryMask;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.mlpvision.eval.seg.LabelMap;
import org.mlpvision.eval.seg.SegmentationEvaluator;
import org.mlpvision.spark.JobSpec;
import org.mlpvision.spark.data.ImageRecord;
import org.mlpvision.spark.io.HadoopFiles;
import org.mlpvision.zoo.ModelMetadata;

/**
 * A partition's segmentation maps: counted into a confusion matrix against each image's label map
 * (the partial state, as mmseg's {@code intersect_and_union} sums) and written as label PNGs {@code
 * <out>/labels/<stem>.png} (class indices; 8-bit, 16-bit beyond 256 classes), as {@code vision
 * infer} writes them. A PNG's name depends only on its image, and it replaces what is there in one
 * rename: a retried task writes the same files again, never a second copy.
 */
final class SegmentationSink implements PartitionSink<CategoryMask> {
  /** The folder of label PNGs in the output folder. */
  static final String LABELS = "labels";

  private final SegmentationEvaluator evaluator;
  private final NDManager manager;
  private final String labels;
  private final int numClasses;

  SegmentationSink(JobSpec spec, ModelMetadata meta) {
    manager = NDManager.newBaseManager(Device.cpu());
    evaluator = spec.evaluate() ? Evaluations.segmentation(spec, meta) : null;
    labels = spec.out() == null ? null : HadoopFiles.join(spec.out(), LABELS);
    numClasses = meta.numClasses();
  }

  @Override
  public void accept(ImageRecord image, CategoryMask prediction) throws IOException {
    int[][] mask = prediction.getMask();
    int h = mask.length;
    int w = h == 0 ? 0 : mask[0].length;
    int[] flat = new int[h * w];
    for (int y = 0; y < h; y++) {
      System.arraycopy(mask[y], 0, flat, y * w, w);
    }
    if (evaluator != null) {
      LabelMap gt = HadoopFiles.readLocally(image.groundTruth(), LabelMap::read);
      try (NDManager scope = manager.newSubManager()) {
        evaluator.process(
            "image '" + image.id() + "'", gt.toNDArray(scope), scope.create(flat, new Shape(h, w)));
      }
    }
    if (labels != null) {
      writeLabels(HadoopFiles.join(labels, stem(image.id()) + ".png"), flat, h, w);
    }
  }

  /** The id without its image extension ({@code sub/a.jpg} becomes {@code sub/a}). */
  static String stem(String id) {
    int slash = id.lastIndexOf('/');
    int dot = id.lastIndexOf('.');
    return dot > slash + 1 ? id.substring(0, dot) : id;
  }

  private void writeLabels(String path, int[] flat, int h, int w) throws IOException {
    Path local = Files.createTempFile("mlpvision-labels-", ".png");
    try {
      new LabelMap(h, w, flat).write(local, numClasses);
      HadoopFiles.moveFromLocal(local, path);
    } finally {
      Files.deleteIfExists(local);
    }
  }

  @Override
  public PartitionOutput finish() {
    return new PartitionOutput(evaluator == null ? null : evaluator.partial(), null, List.of());
  }

  @Override
  public void close() {
    if (evaluator != null) {
      evaluator.close();
    }
    manager.close();
  }
}
