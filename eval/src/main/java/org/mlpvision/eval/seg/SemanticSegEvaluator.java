package org.mlpvision.eval.seg;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlpvision.datasets.structures.ImageList;
import org.mlpvision.datasets.structures.SemanticMap;
import org.mlpvision.datasets.transform.ImageMeta;
import org.mlpvision.eval.DatasetEvaluator;

/**
 * mIoU, mAcc and aAcc of a segmentor's outputs while inference runs, as mmseg evaluates: each
 * image's predicted {@link SemanticMap} (at the original size) against its ground-truth label map
 * as stored (read by image id), through a {@link SegmentationEvaluator} whose zero-label reduction
 * and ignore index apply. The numbers are those of {@code vision eval seg} on the same maps.
 *
 * <p>Inputs: the batch's {@link ImageList}, whose metas carry the image ids ({@link
 * ImageMeta#id()}, the file stem for ADE20K); outputs: one {@link SemanticMap} per image, in batch
 * order. Metrics: {@code aAcc}, {@code mIoU}, {@code mAcc} (fractions; NaN where undefined).
 */
public final class SemanticSegEvaluator
    implements DatasetEvaluator<ImageList, List<SemanticMap>>, AutoCloseable {
  /** Where the ground-truth label map of an image id is. */
  @FunctionalInterface
  public interface GroundTruthMaps {
    /**
     * The raw ground-truth label map of {@code imageId}.
     *
     * @throws IOException naming the file when it is missing or unreadable
     */
    LabelMap read(String imageId) throws IOException;

    /** {@code <dir>/<id>.png}, as ADE20K's {@code annotations/validation} folder. */
    static GroundTruthMaps directory(Path dir) {
      return id -> LabelMap.read(dir.resolve(id + ".png"));
    }
  }

  private final SegmentationEvaluator evaluator;
  private final GroundTruthMaps groundTruth;

  /**
   * @param evaluator the confusion-matrix evaluator (class count, ignore index, zero-label
   *     reduction); closed with this one
   * @param groundTruth the label maps by image id
   */
  public SemanticSegEvaluator(SegmentationEvaluator evaluator, GroundTruthMaps groundTruth) {
    this.evaluator = evaluator;
    this.groundTruth = groundTruth;
  }

  @Override
  public void reset() {
    evaluator.reset();
  }

  /**
   * Adds every image of the batch.
   *
   * @throws UncheckedIOException naming the file when a ground truth cannot be read
   * @throws IllegalArgumentException naming the image on a size mismatch or a label out of range
   */
  @Override
  public void process(ImageList inputs, List<SemanticMap> outputs) {
    if (outputs.size() != inputs.size()) {
      throw new IllegalArgumentException(
          inputs.size() + " images but " + outputs.size() + " predictions");
    }
    for (int i = 0; i < outputs.size(); i++) {
      String id = inputs.metas().get(i).id();
      SemanticMap pred = outputs.get(i);
      LabelMap gt;
      try {
        gt = groundTruth.read(id);
      } catch (IOException e) {
        throw new UncheckedIOException("ground truth of image '" + id + "': " + e.getMessage(), e);
      }
      try (NDManager scope = pred.labels().getManager().newSubManager()) {
        evaluator.process("image '" + id + "'", gt.toNDArray(scope), pred.labels());
      }
    }
  }

  @Override
  public Map<String, Double> evaluate() {
    SegmentationMetrics m = evaluator.evaluate();
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("aAcc", m.aAcc());
    out.put("mIoU", m.mIoU());
    out.put("mAcc", m.mAcc());
    return out;
  }

  @Override
  public void close() {
    evaluator.close();
  }
}
