package org.mlpvision.cli.bench;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mlpvision.bench.eval.CocoCaseWriter;
import org.mlpvision.bench.eval.CocoEvalBenchmark;
import org.mlpvision.bench.eval.SyntheticCocoCase;
import org.mlpvision.cli.DeviceOptions;
import org.mlpvision.cli.EvalThreadOptions;
import org.mlpvision.cli.ReportOutput;
import org.mlpvision.cli.eval.EvaluationDevice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vision bench coco-eval}: COCO bbox and segm load and evaluation time of files, on a
 * generated COCO-scale case (5000 images, 80 categories, about 36k ground truths, 100 detections
 * per image, RLE masks).
 */
@Command(
    name = "coco-eval",
    description =
        "Time loading and evaluating a generated val2017-sized case (load_seconds, eval_seconds"
            + " per IoU type), as vision eval coco runs it.")
public final class BenchCocoEvalCommand implements Callable<Integer> {
  @Option(names = "--images", defaultValue = "5000", description = "images (5000)")
  int images;

  @Option(names = "--dets", defaultValue = "100", description = "detections per image (100)")
  int dets;

  @Option(
      names = "--repeats",
      defaultValue = "3",
      description = "timed load + evaluation runs per IoU type")
  int repeats;

  @Mixin EvalThreadOptions threads;

  @Mixin DeviceOptions device;

  @Option(names = "--no-segm", description = "skip the segm timing")
  boolean noSegm;

  @Option(
      names = "--write",
      description =
          "write the generated case (with masks) as gt.json and results.json into this folder"
              + " instead of timing, for `vision eval coco` or pycocotools")
  Path write;

  @Mixin ReportOutput output;

  @Override
  public Integer call() throws Exception {
    threads.applyTorchThreads(); // before the engine loads
    if (write != null) {
      CocoCaseWriter.write(new SyntheticCocoCase(images, dets, true, 42), write);
      System.out.println(
          "wrote " + write.resolve("gt.json") + " and " + write.resolve("results.json"));
      return 0;
    }
    Map<String, Object> r =
        CocoEvalBenchmark.run(
            new CocoEvalBenchmark.Settings(
                images,
                dets,
                repeats,
                threads.hostThreads(),
                EvaluationDevice.of(device.spec()),
                !noSegm));
    output.printNested(r, 24);
    return 0;
  }
}
