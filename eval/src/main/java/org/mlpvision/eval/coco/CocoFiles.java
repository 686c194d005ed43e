package org.mlpvision.eval.coco;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.mlpvision.datasets.coco.CocoDataset;
import org.mlpvision.datasets.coco.CocoReader;

/**
 * An evaluation of files, as {@code vision eval coco} and {@code vision bench coco-eval} run it:
 * {@link #load} reads and checks the annotation and results files (the "load" phase), {@link
 * #evaluate} streams the detections through an evaluator (the "eval" phase).
 */
public final class CocoFiles {
  private CocoFiles() {}

  /**
   * The two files, read and checked.
   *
   * @param dataset the annotation file
   * @param truth its ground truth for the IoU type
   * @param results the results file's detections
   */
  public record Loaded(CocoDataset dataset, GroundTruthSet truth, CocoResults results) {
    /** The detections per image id; {@link #evaluate} empties it. */
    public Map<Long, List<Detection>> detections() {
      return results.detections();
    }
  }

  /**
   * Reads and checks both files.
   *
   * @throws org.mlpvision.datasets.DatasetException naming the file, item and field of a problem
   */
  public static Loaded load(Path annotations, Path results, IouType iouType) {
    CocoDataset dataset = CocoReader.read(annotations);
    GroundTruthSet truth = GroundTruthSet.fromCoco(dataset, iouType);
    return new Loaded(dataset, truth, CocoResultsReader.read(results, truth, iouType));
  }

  /**
   * Adds every image's detections to {@code evaluator} and forgets them (masks decoded for an image
   * then die young instead of piling up), and evaluates. Empties {@code detections}.
   */
  public static CocoSummary evaluate(
      CocoEvaluator evaluator, Map<Long, List<Detection>> detections) {
    stream(detections, List.of(evaluator::add));
    return evaluator.evaluate();
  }

  /**
   * Hands every image's detections to each of {@code sinks} (an evaluator's and an analyzer's
   * {@code add}) and forgets them. Empties {@code detections}.
   */
  public static void stream(
      Map<Long, List<Detection>> detections, List<BiConsumer<Long, List<Detection>>> sinks) {
    for (var it = detections.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      for (BiConsumer<Long, List<Detection>> sink : sinks) {
        sink.accept(e.getKey(), e.getValue());
      }
      it.remove();
    }
  }
}
