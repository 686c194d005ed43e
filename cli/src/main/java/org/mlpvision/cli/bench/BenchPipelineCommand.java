package org.mlpvision.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mlpvision.bench.datasets.PipelineBench;
import org.mlpvision.cli.ReportOutput;
import org.mlpvision.datasets.coco.CocoInstances;
import org.mlpvision.datasets.coco.CocoReader;
import org.mlpvision.datasets.synth.CocoShapesWriter;
import org.mlpvision.datasets.synth.SynthSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vision bench pipeline}: images/s of the COCO training pipeline and where time goes. */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    description =
        "Images/s of the COCO training pipeline (decode, flip, resize 1333x800, normalize, pad,"
            + " collate) through the prefetching loader, with a per-stage breakdown.")
public final class BenchPipelineCommand implements Callable<Integer> {
  @Option(names = "--ann", description = "COCO annotation file (default: generate coco-shapes)")
  Path ann;

  @Option(names = "--images", description = "Image root for --ann")
  Path images;

  @Option(names = "--count", defaultValue = "64", description = "Generated images (default 64)")
  int count;

  @Option(
      names = "--size",
      defaultValue = "640x480",
      description = "Generated size (default 640x480)")
  String size;

  @Option(names = "--workers", defaultValue = "2", description = "Loader threads (default 2)")
  int workers;

  @Option(names = "--batch", defaultValue = "2", description = "Batch size (default 2)")
  int batch;

  @Option(names = "--epochs", defaultValue = "3", description = "Timed passes (default 3)")
  int epochs;

  @Option(
      names = "--cv-threads",
      defaultValue = "1",
      description = "OpenCV's own threads (default 1: the loader threads give the parallelism)")
  int cvThreads;

  @Option(names = "--masks", description = "Also rasterize instance masks")
  boolean masks;

  @Mixin ReportOutput output;

  @Override
  public Integer call() throws Exception {
    Path annFile = ann;
    Path root = images;
    Path tmp = null;
    if (annFile == null) {
      String[] wh = size.toLowerCase().split("x");
      tmp = Files.createTempDirectory("bench-pipeline");
      CocoShapesWriter.write(
          new SynthSpec(tmp, count, 0, Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), 0));
      annFile = tmp.resolve("annotations/instances_train2017.json");
      root = tmp.resolve("train2017");
    } else if (root == null) {
      throw new IllegalArgumentException("--ann needs --images DIR");
    }
    try {
      CocoInstances inst = new CocoInstances(CocoReader.read(annFile), true, 32);
      Map<String, Object> r =
          PipelineBench.run(inst, root, workers, batch, epochs, cvThreads, masks);
      r.put("source", ann == null ? "generated coco-shapes " + size : annFile.toString());
      output.print(r, 24);
    } finally {
      if (tmp != null) {
        try (var files = Files.walk(tmp)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
    return 0;
  }
}
