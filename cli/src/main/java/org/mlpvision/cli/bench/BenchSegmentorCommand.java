package org.mlpvision.cli.bench;

import ai.djl.Device;
import com.google.inject.Guice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mlpvision.bench.segmentor.SegmentorBenchmark;
import org.mlpvision.cli.DeviceOptions;
import org.mlpvision.cli.ReportOutput;
import org.mlpvision.cli.ThreadOptions;
import org.mlpvision.cli.backbone.ModelOption;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.segmentation.SegmentationRecipe;
import org.mlpvision.segmentation.SegmentorConfigReader;
import org.mlpvision.segmentation.SegmentorModule;
import org.mlpvision.segmentation.inference.TestCfg;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vision bench segmentor}: training-step or inference time of a segmentation recipe's model
 * on random data, with GFLOP/s, the matmul rate of the same run and the peak RSS.
 */
@Command(
    name = "segmentor",
    description = "Training step or inference speed of a segmentation recipe's model.")
public final class BenchSegmentorCommand implements Callable<Integer> {
  /** What to time. */
  enum Mode {
    train,
    infer
  }

  @Option(names = "--config", required = true, paramLabel = "RECIPE", description = "recipe file")
  Path config;

  @Option(names = "--mode", required = true, description = "train or infer")
  Mode mode;

  @Option(
      names = "--infer-mode",
      paramLabel = "whole|slide",
      description = "inference mode (default: the recipe's test_cfg)")
  String inferMode;

  @Option(
      names = "--size",
      defaultValue = "512x512",
      paramLabel = "HxW",
      description = "input size (default ${DEFAULT-VALUE})")
  String size;

  @Option(
      names = "--batch",
      description = "images per step (default: the recipe's samples_per_gpu to train, 1 to infer)")
  Integer batch;

  @Option(names = "--warmup", defaultValue = "2", description = "untimed steps (default 2)")
  int warmup;

  @Option(names = "--repeats", defaultValue = "5", description = "timed steps (default 5)")
  int repeats;

  @Mixin ThreadOptions threads;

  @Mixin DeviceOptions device;

  // Not ReportOutput's --json: this help text lists the main keys, which users look for.
  @Option(
      names = "--json",
      description =
          "Print JSON (train_step_ms or infer_ms, gflop_per_s, matmul_gflop_per_s, peak_rss_mb)")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(config)) {
      throw new IllegalArgumentException("recipe not found: " + config);
    }
    SegmentorConfigReader reader =
        Guice.createInjector(new SegmentorModule()).getInstance(SegmentorConfigReader.class);
    SegmentationRecipe recipe = SegmentationRecipe.read(ConfigSource.load(config), reader);
    TestCfg test = recipe.model().testCfg();
    if (inferMode != null) {
      if (!inferMode.equals("whole") && !inferMode.equals("slide")) {
        throw new IllegalArgumentException("--infer-mode must be whole or slide, got " + inferMode);
      }
      test = new TestCfg(inferMode, test.cropSize(), test.stride());
    }
    long[] hw = ModelOption.parseSize(size);
    boolean train = mode == Mode.train;
    int n = batch != null ? batch : train ? recipe.data().samplesPerGpu() : 1;
    double loadBefore = loadAverage();
    threads.apply();
    Device dev = device.resolve();
    SegmentorBenchmark.Result r =
        SegmentorBenchmark.run(
            recipe.model().build(),
            new SegmentorBenchmark.Settings(
                train, test, n, (int) hw[0], (int) hw[1], warmup, repeats),
            dev);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("config", config.toString());
    out.put("mode", mode.name());
    if (!train) {
      out.put("infer_mode", test.mode());
    }
    out.put("size", hw[0] + "x" + hw[1]);
    out.put("batch", n);
    out.put("device", dev.toString());
    out.put("threads", threads.threads() > 0 ? Integer.toString(threads.threads()) : "default");
    String omp = System.getenv("OMP_WAIT_POLICY");
    out.put("omp_wait_policy", omp == null ? "unset" : omp);
    out.put(train ? "train_step_ms" : "infer_ms", r.msMedian());
    out.put("ms_min", r.msMin());
    out.put("gflop_per_s", r.gflopPerS());
    out.put("matmul_gflop_per_s", r.matmulGflopPerS());
    out.put("fraction_of_matmul", r.gflopPerS() / r.matmulGflopPerS());
    out.put("gmacs_per_image", r.gmacsPerImage());
    out.put("peak_rss_mb", r.peakRssMb());
    out.put("phases_ms", r.phasesMs());
    out.put("load_avg_1m_before", loadBefore);
    out.put("load_avg_1m_after", loadAverage());
    ReportOutput.print(out, json, 20, v -> v);
    return 0;
  }

  /** The 1-minute load average, or -1 where {@code /proc/loadavg} is missing. */
  private static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split("\\s+")[0]);
    } catch (java.io.IOException | RuntimeException e) {
      return -1;
    }
  }
}
