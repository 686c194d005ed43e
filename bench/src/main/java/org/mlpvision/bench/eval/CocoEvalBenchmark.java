package org.mlpvision.bench.eval;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.mlpvision.eval.coco.CocoEvaluator;
import org.mlpvision.eval.coco.CocoFiles;
import org.mlpvision.eval.coco.CocoParams;
import org.mlpvision.eval.coco.CocoSummary;
import org.mlpvision.eval.coco.IouType;

/**
 * Times COCO bbox and segm evaluation of files as {@code vision eval coco} runs it: a {@link
 * SyntheticCocoCase} with masks is written once as {@code gt.json} and {@code results.json} (as
 * {@code --write} does), then each run loads both files (parse and checks) and evaluates (IoU,
 * matching, accumulation, summary). Every run's two phases and their medians are reported per IoU
 * type; the first run includes JIT warm-up.
 */
public final class CocoEvalBenchmark {
  /**
   * Benchmark settings.
   *
   * @param images images in the generated case
   * @param detectionsPerImage detections per image
   * @param repeats timed load + evaluation runs per IoU type
   * @param threads host worker threads
   * @param device where box IoUs run
   * @param segm whether to time segm too
   */
  public record Settings(
      int images, int detectionsPerImage, int repeats, int threads, Device device, boolean segm) {}

  private CocoEvalBenchmark() {}

  /**
   * Runs the benchmark and returns the numbers: the case's size, then per IoU type ({@code bbox},
   * {@code segm}) a map with {@code load_seconds}, {@code eval_seconds} (medians), each run's
   * times, {@code AP} and the 12 {@code stats}.
   */
  public static Map<String, Object> run(Settings s) throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("images", s.images());
    out.put("categories", SyntheticCocoCase.CATEGORY_IDS.length);
    out.put("threads", s.threads());
    out.put("device", s.device().toString());
    Path dir = Files.createTempDirectory("coco-eval-bench");
    try {
      long t0 = System.nanoTime();
      SyntheticCocoCase c = new SyntheticCocoCase(s.images(), s.detectionsPerImage(), true, 42);
      CocoCaseWriter.write(c, dir);
      out.put("ground_truths", c.objectCount());
      out.put("detections", c.detectionCount());
      out.put("results_megabytes", Files.size(dir.resolve("results.json")) / 1e6);
      out.put("generate_seconds", (System.nanoTime() - t0) / 1e9);
      c = null; // only the files are timed
      out.put("bbox", time(dir, IouType.BBOX, s));
      if (s.segm()) {
        out.put("segm", time(dir, IouType.SEGM, s));
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
    return out;
  }

  private static Map<String, Object> time(Path dir, IouType type, Settings s) {
    CocoParams params = new CocoParams(type, new int[] {1, 10, 100}, s.threads());
    List<Double> loads = new ArrayList<>();
    List<Double> evals = new ArrayList<>();
    CocoSummary summary = null;
    for (int r = 0; r < s.repeats(); r++) {
      long t0 = System.nanoTime();
      CocoFiles.Loaded loaded =
          CocoFiles.load(dir.resolve("gt.json"), dir.resolve("results.json"), type);
      long t1 = System.nanoTime();
      try (CocoEvaluator ev = new CocoEvaluator(loaded.truth(), params, s.device())) {
        summary = CocoFiles.evaluate(ev, loaded.detections());
      }
      loads.add((t1 - t0) / 1e9);
      evals.add((System.nanoTime() - t1) / 1e9);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("load_seconds", median(loads));
    out.put("eval_seconds", median(evals));
    out.put("load_runs_seconds", loads);
    out.put("eval_runs_seconds", evals);
    out.put("AP", summary.stats()[0]);
    out.put("stats", Arrays.stream(summary.stats()).boxed().toList());
    return out;
  }

  private static double median(List<Double> runs) {
    double[] sorted = runs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return sorted[sorted.length / 2];
  }
}
