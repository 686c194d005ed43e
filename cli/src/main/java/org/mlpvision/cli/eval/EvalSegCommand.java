package org.mlpvision.cli.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mlpvision.cli.DeviceOptions;
import org.mlpvision.cli.ImageLimitOption;
import org.mlpvision.core.config.ConfigLoader;
import org.mlpvision.core.device.ThreadSettings;
import org.mlpvision.eval.seg.LabelMapDirectories;
import org.mlpvision.eval.seg.SegmentationEvaluator;
import org.mlpvision.eval.seg.SegmentationMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vision eval seg}: aAcc, mIoU, mAcc and per-class IoU/Acc of a folder of predicted PNG
 * label maps against a folder of ground-truth PNGs, as mmsegmentation computes them.
 */
@Command(
    name = "seg",
    description = "Semantic segmentation aAcc/mIoU/mAcc of PNG label maps (mmseg semantics).")
public final class EvalSegCommand implements Callable<Integer> {
  @Option(names = "--gt", required = true, description = "folder of ground-truth PNGs")
  Path gt;

  @Option(names = "--pred", required = true, description = "folder of predicted PNGs (same stems)")
  Path pred;

  @Option(names = "--num-classes", required = true, description = "number of evaluated classes")
  int numClasses;

  @Option(names = "--reduce-zero-label", description = "ground truth 0 is ignored, the rest -1")
  boolean reduceZeroLabel;

  @Option(names = "--ignore-index", defaultValue = "255", description = "ignored label (255)")
  int ignoreIndex;

  @Option(names = "--json", description = "write the numbers to this JSON file")
  Path json;

  @Spec CommandSpec spec;

  @Mixin DeviceOptions device;

  @Mixin ImageLimitOption imageLimit;

  // Not EvalThreadOptions: seg has no host worker threads, and its help says why 1 here.
  @Option(
      names = "--torch-threads",
      defaultValue = "1",
      description = "PyTorch intra-op threads (default 1; more only spin on a busy machine)")
  int torchThreads;

  @Override
  public Integer call() throws Exception {
    new ThreadSettings(torchThreads, 1).apply(); // before the engine loads
    long t0 = System.nanoTime();
    SegmentationMetrics m;
    long images;
    try (SegmentationEvaluator ev =
        new SegmentationEvaluator(numClasses, ignoreIndex, reduceZeroLabel, device.resolve())) {
      m = LabelMapDirectories.evaluate(gt, pred, ev);
      images = ev.imageCount();
      ev.droppedLabelsWarning()
          .ifPresent(w -> spec.commandLine().getErr().println("warning: " + w));
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf("%d images, %d classes, %.3f s%n", images, numClasses, seconds);
    System.out.printf("%-8s %8s %8s%n", "class", "IoU", "Acc");
    for (int c = 0; c < numClasses; c++) {
      System.out.printf("%-8d %8.2f %8.2f%n", c, 100 * m.iou()[c], 100 * m.acc()[c]);
    }
    System.out.printf(
        "aAcc %.2f  mIoU %.2f  mAcc %.2f%n", 100 * m.aAcc(), 100 * m.mIoU(), 100 * m.mAcc());
    if (json != null) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("aAcc", finite(m.aAcc()));
      out.put("mIoU", finite(m.mIoU()));
      out.put("mAcc", finite(m.mAcc()));
      out.put("IoU", list(m.iou()));
      out.put("Acc", list(m.acc()));
      out.put("images", images);
      out.put("seconds", seconds);
      ConfigLoader.mapper().writerWithDefaultPrettyPrinter().writeValue(json.toFile(), out);
    }
    return 0;
  }

  /** NaN (a class absent from ground truth and prediction) is written as JSON null. */
  private static Double finite(double v) {
    return Double.isNaN(v) ? null : v;
  }

  private static List<Double> list(double[] values) {
    List<Double> out = new ArrayList<>();
    for (double v : values) {
      out.add(finite(v));
    }
    return out;
  }
}
