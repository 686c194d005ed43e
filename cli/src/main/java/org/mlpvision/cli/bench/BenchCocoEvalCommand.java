package org.mlpvision.cli.bench;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mlpvision.bench.eval.CocoCaseWriter;
import org.mlpvision.bench.eval.CocoEvalBenchmark;
import org.mlpvision.bench.eval.SyntheticCocoCase;
import org.mlpvision.core.config.ConfigLoader;
import org.mlpvision.core.device.DeviceSpec;
import org.mlpvision.core.device.ThreadSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vision bench coco-eval}: COCO bbox and segm evaluation time on a generated COCO-scale case
 * (5000 images, 80 categories, about 35k ground truths, 100 detections per image).
 */
@Command(
    name = "coco-eval",
    description = "Time COCO bbox/segm evaluation on a generated val2017-sized case.")
public final class BenchCocoEvalCommand implements Callable<Integer> {
  @Option(names = "--images", defaultValue = "5000", description = "images (5000)")
  int images;

  @Option(names = "--dets", defaultValue = "100", description = "detections per image (100)")
  int dets;

  @Option(names = "--repeats", defaultValue = "3", description = "timed runs per IoU type")
  int repeats;

  @Option(names = "--threads", description = "host worker threads (default: cores)")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu:N")
  String device;

  @Option(
      names = "--torch-threads",
      defaultValue = "1",
      description =
          "PyTorch intra-op threads (default 1: the box IoU ops are small, and the host threads"
              + " already use the cores; more only spin on a busy machine)")
  int torchThreads;

  @Option(names = "--no-segm", description = "skip the segm timing")
  boolean noSegm;

  @Option(
      names = "--write",
      description =
          "write the generated case (with masks) as gt.json and results.json into this folder"
              + " instead of timing, for `vision eval coco` or pycocotools")
  Path write;

  @Option(names = "--json", description = "print JSON instead of text")
  boolean json;

  @Override
  public Integer call() throws Exception {
    new ThreadSettings(torchThreads, 1).apply(); // before the engine loads
    if (write != null) {
      CocoCaseWriter.write(new SyntheticCocoCase(images, dets, true, 42), write);
      System.out.println(
          "wrote " + write.resolve("gt.json") + " and " + write.resolve("results.json"));
      return 0;
    }
    Map<String, Object> r =
        CocoEvalBenchmark.run(
            new CocoEvalBenchmark.Settings(
                images, dets, repeats, threads, DeviceSpec.parse(device).resolve(), !noSegm));
    if (json) {
      System.out.println(ConfigLoader.mapper().writeValueAsString(r));
    } else {
      r.forEach((k, v) -> System.out.printf("%-24s %s%n", k, v));
    }
    return 0;
  }
}
