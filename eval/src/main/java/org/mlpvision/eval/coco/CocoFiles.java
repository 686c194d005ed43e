package org.mlpvision.eval.coco;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import org.mlpvision.datasets.coco.CocoDataset;
import org.mlpvision.datasets.coco.CocoReader;
import org.mlpvision.datasets.json.JsonDocument;

/**
 * An evaluation of files, as {@code vision eval coco} and {@code vision bench coco-eval} run it:
 * {@link #load} reads and checks the annotation and results files (the "load" phase), {@link
 * #evaluate} streams the detections through an evaluator (the "eval" phase).
 */
public final class CocoFiles {
  /** One daemon thread per read, so that a read never waits for the parsing in the common pool. */
  private static final Executor READER =
      task -> {
        Thread t = new Thread(task, "coco-results-read");
        t.setDaemon(true);
        t.start();
      };

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
    // The results file's bytes are read while the annotation file is parsed (a val2017-sized
    // results file takes 0.15-0.2 s to read, about a fifth of the load).
    CompletableFuture<JsonDocument> bytes =
        CompletableFuture.supplyAsync(() -> CocoResultsReader.document(results), READER);
    CocoDataset dataset;
    try {
      dataset = CocoReader.read(annotations);
    } catch (RuntimeException e) {
      bytes.cancel(false);
      throw e;
    }
    GroundTruthSet truth = GroundTruthSet.fromCoco(dataset, iouType);
    JsonDocument doc;
    try {
      doc = bytes.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw (RuntimeException) e.getCause();
    }
    return new Loaded(dataset, truth, CocoResultsReader.read(results, doc, truth, iouType));
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
