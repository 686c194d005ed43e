package org.mlpvision.cli.eval;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.mlpvision.cli.DeviceOptions;
import org.mlpvision.cli.EvalThreadOptions;
import org.mlpvision.core.config.ConfigLoader;
import org.mlpvision.datasets.coco.CocoCategory;
import org.mlpvision.datasets.coco.CocoDataset;
import org.mlpvision.eval.coco.CocoAnalysis;
import org.mlpvision.eval.coco.CocoAnalyzer;
import org.mlpvision.eval.coco.CocoEvaluator;
import org.mlpvision.eval.coco.CocoFiles;
import org.mlpvision.eval.coco.CocoParams;
import org.mlpvision.eval.coco.CocoResults;
import org.mlpvision.eval.coco.CocoSummary;
import org.mlpvision.eval.coco.Detection;
import org.mlpvision.eval.coco.GroundTruthSet;
import org.mlpvision.eval.coco.IouType;
import org.mlpvision.eval.coco.plot.AnalysisReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vision eval coco}: COCO box or mask AP of a results file against an instances file, with
 * pycocotools' semantics and summary layout.
 */
@Command(
    name = "coco",
    description = {
      "COCO box/mask AP of a results JSON, identical to pycocotools' COCOeval.",
      "Box IoUs run on host threads (auto, cpu); --device gpu:N runs them on that GPU."
    })
public final class EvalCocoCommand implements Callable<Integer> {
  @Option(names = "--gt", required = true, description = "COCO instances JSON (ground truth)")
  Path gt;

  @Option(names = "--results", required = true, description = "COCO results JSON")
  Path results;

  @Option(names = "--iou-type", defaultValue = "bbox", description = "bbox or segm")
  String iouType;

  @Option(
      names = "--max-dets",
      split = ",",
      defaultValue = "1,10,100",
      description = "detection limits (default 1,10,100; mmdet uses 100,300,1000)")
  int[] maxDets;

  @Option(names = "--per-class", description = "also print AP per category")
  boolean perClass;

  @Option(
      names = "--json",
      description = "write the numbers to this JSON file (checked before the evaluation runs)")
  Path json;

  @Option(
      names = "--plot-dir",
      description =
          "also write the COCO error analysis (C75, C50, Loc, Sim, Oth, BG, FN) and precision-recall"
              + " curves, overall and per category, as PNG plots and analysis.json into DIR/<iou"
              + " type>/ (checked before the evaluation runs)")
  Path plotDir;

  @Mixin DeviceOptions device;

  @Spec CommandSpec spec;

  @Mixin EvalThreadOptions threads;

  @Override
  public Integer call() throws Exception {
    if (json != null) {
      OutputPaths.checkFile(json, "--json"); // before the work, not after it
    }
    if (plotDir != null) {
      OutputPaths.prepareDirectory(plotDir, "--plot-dir");
    }
    threads.applyTorchThreads(); // before the engine loads (only gpu:N loads it)
    IouType type = IouType.parse(iouType);
    CocoParams params = new CocoParams(type, maxDets, threads.hostThreads());
    Device dev = EvaluationDevice.of(device.spec());

    long t0 = System.nanoTime();
    CocoFiles.Loaded loaded = CocoFiles.load(gt, results, type);
    double loadSeconds = (System.nanoTime() - t0) / 1e9;
    warnAboutIgnored(loaded.results());
    int detections = loaded.results().count();
    Outcome o = evaluate(loaded, params, dev);

    GroundTruthSet truth = loaded.truth();
    System.out.printf(
        "Evaluated %s: %d images, %d categories, %d ground truths, %d detections on %s%n",
        type.cocoName(),
        truth.imageCount(),
        truth.categoryCount(),
        truth.objectCount(),
        detections,
        dev);
    o.summary().lines().forEach(System.out::println);
    Map<String, Double> perCategory =
        perClass ? perCategoryAp(o.summary(), loaded.dataset()) : null;
    if (perCategory != null) {
      System.out.println("Per-category AP @[ IoU=0.50:0.95 | area=all ]:");
      perCategory.forEach((n, ap) -> System.out.printf("  %-24s %.3f%n", n, ap));
    }
    System.out.printf("load %.3f s, eval %.3f s%n", loadSeconds, o.evalSeconds());
    if (o.analysis() != null) {
      Path dir = plotDir.resolve(type.cocoName());
      long s = System.nanoTime();
      List<Path> files = AnalysisReport.write(o.analysis(), o.summary(), dir);
      System.out.printf(
          "analysis %.3f s, %d files written to %s in %.3f s%n",
          o.analysisSeconds(), files.size(), dir, (System.nanoTime() - s) / 1e9);
    }
    if (json != null) {
      Map<String, Object> out = new LinkedHashMap<>(o.summary().toMap());
      out.put("load_seconds", loadSeconds);
      out.put("eval_seconds", o.evalSeconds());
      if (o.analysis() != null) {
        out.put("analysis_seconds", o.analysisSeconds());
      }
      if (perCategory != null) {
        out.put("per_class_AP", perCategory);
      }
      ConfigLoader.mapper().writerWithDefaultPrettyPrinter().writeValue(json.toFile(), out);
    }
    return 0;
  }

  /** The evaluation, the analysis when asked for, and their times (the analysis's apart). */
  private record Outcome(
      CocoSummary summary, CocoAnalysis analysis, double evalSeconds, double analysisSeconds) {}

  private Outcome evaluate(CocoFiles.Loaded loaded, CocoParams params, Device dev) {
    long t0 = System.nanoTime();
    long[] analysisNanos = {0};
    try (CocoEvaluator evaluator = new CocoEvaluator(loaded.truth(), params, dev);
        CocoAnalyzer analyzer =
            plotDir == null
                ? null
                : new CocoAnalyzer(
                    loaded.truth(),
                    loaded.dataset().categories(),
                    params.iouType(),
                    params.threads())) {
      List<BiConsumer<Long, List<Detection>>> sinks = new ArrayList<>(List.of(evaluator::add));
      if (analyzer != null) {
        sinks.add(
            (image, dets) -> {
              long s = System.nanoTime();
              analyzer.add(image, dets);
              analysisNanos[0] += System.nanoTime() - s;
            });
      }
      CocoFiles.stream(loaded.detections(), sinks);
      CocoSummary summary = evaluator.evaluate();
      CocoAnalysis analysis = null;
      if (analyzer != null) {
        long s = System.nanoTime();
        analysis = analyzer.analyze();
        analysisNanos[0] += System.nanoTime() - s;
      }
      double evalSeconds = (System.nanoTime() - t0 - analysisNanos[0]) / 1e9;
      return new Outcome(summary, analysis, evalSeconds, analysisNanos[0] / 1e9);
    }
  }

  /** AP per category, keyed by the category's name. */
  private static Map<String, Double> perCategoryAp(CocoSummary summary, CocoDataset dataset) {
    Map<String, String> names = new LinkedHashMap<>();
    for (CocoCategory c : dataset.categories()) {
      names.put(String.valueOf(c.id()), c.name());
    }
    Map<String, Double> out = new LinkedHashMap<>();
    summary
        .perCategoryAp()
        .forEach((id, ap) -> out.put(names.getOrDefault(String.valueOf(id), "" + id), ap));
    return out;
  }

  /** One warning, on the command's error stream, for all results of unknown categories. */
  private void warnAboutIgnored(CocoResults r) {
    if (r.ignored() == 0) {
      return;
    }
    List<String> ids = r.ignoredByCategory().keySet().stream().map(String::valueOf).toList();
    String shown =
        ids.size() <= 10
            ? String.join(", ", ids)
            : String.join(", ", ids.subList(0, 10)) + ", ... (" + ids.size() + " ids)";
    spec.commandLine()
        .getErr()
        .printf(
            "warning: %d results of %s have a category_id that is not a category of the ground"
                + " truth (%s); they are ignored, as pycocotools ignores them%n",
            r.ignored(), results, shown);
  }
}
