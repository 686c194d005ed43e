package org.mlpvision.bench.eval;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlpvision.eval.coco.CocoEvaluator;
import org.mlpvision.eval.coco.CocoParams;
import org.mlpvision.eval.coco.CocoSummary;
import org.mlpvision.eval.coco.IouType;

/**
 * Times COCO bbox and segm evaluation (IoU, matching, accumulation and summary; not the generation)
 * on a {@link SyntheticCocoCase}, several times each, and reports every run and the median.
 */
public final class CocoEvalBenchmark {
  /**
   * Benchmark settings.
   *
   * @param images images in the generated case
   * @param detectionsPerImage detections per image
   * @param repeats timed evaluations per IoU type
   * @param threads host worker threads
   * @param device where box IoUs run
   * @param segm whether to time segm too
   */
  public record Settings(
      int images, int detectionsPerImage, int repeats, int threads, Device device, boolean segm) {}

  private CocoEvalBenchmark() {}

  /**
   * Runs the benchmark and returns the numbers (keys {@code bbox_seconds}, {@code segm_seconds},
   * ...).
   */
  public static Map<String, Object> run(Settings s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("images", s.images());
    out.put("categories", SyntheticCocoCase.CATEGORY_IDS.length);
    out.put("threads", s.threads());
    out.put("device", s.device().toString());
    long t0 = System.nanoTime();
    SyntheticCocoCase boxes = new SyntheticCocoCase(s.images(), s.detectionsPerImage(), false, 42);
    out.put("ground_truths", boxes.objectCount());
    out.put("detections", boxes.detectionCount());
    out.put("generate_bbox_seconds", (System.nanoTime() - t0) / 1e9);
    time(out, "bbox", boxes, IouType.BBOX, s);
    boxes = null;
    if (s.segm()) {
      long t1 = System.nanoTime();
      SyntheticCocoCase masks = new SyntheticCocoCase(s.images(), s.detectionsPerImage(), true, 42);
      out.put("generate_segm_seconds", (System.nanoTime() - t1) / 1e9);
      time(out, "segm", masks, IouType.SEGM, s);
    }
    return out;
  }

  private static void time(
      Map<String, Object> out, String key, SyntheticCocoCase c, IouType type, Settings s) {
    CocoParams params = new CocoParams(type, new int[] {1, 10, 100}, s.threads());
    List<Double> runs = new ArrayList<>();
    CocoSummary summary = null;
    long[] ids = c.imageIds();
    for (int r = 0; r < s.repeats(); r++) {
      long t0 = System.nanoTime();
      try (CocoEvaluator ev = new CocoEvaluator(c.groundTruth(), params, s.device())) {
        for (int i = 0; i < ids.length; i++) {
          ev.add(ids[i], c.detections(i));
        }
        summary = ev.evaluate();
      }
      runs.add((System.nanoTime() - t0) / 1e9);
    }
    double[] sorted = runs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    out.put(key + "_seconds", sorted[sorted.length / 2]);
    out.put(key + "_runs_seconds", runs);
    out.put(key + "_AP", summary.stats()[0]);
    out.put(key + "_stats", Arrays.stream(summary.stats()).boxed().toList());
  }
}
