package org.mlpvision.cli.bench;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Guice;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mlpvision.bench.detector.DetectorBenchmark;
import org.mlpvision.cli.DeviceOptions;
import org.mlpvision.cli.ReportOutput;
import org.mlpvision.cli.ThreadOptions;
import org.mlpvision.core.config.ConfigException;
import org.mlpvision.core.config.ConfigLoader;
import org.mlpvision.detection.DetectionModule;
import org.mlpvision.detection.detector.DetectorConfig;
import org.mlpvision.detection.detector.DetectorFactory;
import org.mlpvision.detection.detector.TwoStageDetector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vision bench detector}: inference or training-step time of a recipe's detector on one
 * image, its GFLOP/s against the machine's matmul rate, and the peak RSS. Randomly initialised
 * weights would score every class below {@code score_thr}; the benchmark sets {@code
 * test_cfg.rcnn.score_thr} to 0 so that, as with trained weights, {@code max_per_img} detections
 * reach the mask heads.
 */
@Command(
    name = "detector",
    description = "Inference or training-step speed and peak memory of a recipe's detector.")
public final class BenchDetectorCommand implements Callable<Integer> {
  /** What to time. */
  public enum Mode {
    /** One training step: losses, forward and backward. */
    TRAIN,
    /** One inference. */
    INFER
  }

  @Option(names = "--config", required = true, paramLabel = "RECIPE", description = "recipe file")
  Path config;

  @Option(names = "--mode", required = true, description = "train | infer")
  Mode mode;

  @Option(
      names = "--size",
      defaultValue = "800x1333",
      paramLabel = "HxW",
      description = "Image height x width (default ${DEFAULT-VALUE})")
  String size;

  @Option(
      names = "--warmup",
      defaultValue = "2",
      description = "Untimed iterations (default ${DEFAULT-VALUE})")
  int warmup;

  @Option(
      names = "--repeats",
      defaultValue = "5",
      description = "Timed iterations (default ${DEFAULT-VALUE})")
  int repeats;

  @Mixin ThreadOptions threads;

  @Mixin DeviceOptions device;

  @Option(
      names = "--json",
      description =
          "Print JSON (train_step_ms or infer_ms, gflop_per_s, matmul_gflop_per_s, peak_rss_mb)")
  boolean json;

  @Override
  public Integer call() throws Exception {
    threads.apply();
    String[] hw = size.toLowerCase(java.util.Locale.ROOT).split("x");
    if (hw.length != 2 || !hw[0].matches("\\d{2,5}") || !hw[1].matches("\\d{2,5}")) {
      throw new IllegalArgumentException("--size must be HxW, e.g. 800x1333, got " + size);
    }
    String src = config.toString();
    JsonNode model = ConfigLoader.readTree(config).get("model");
    if (model == null || !model.isObject() || !model.path("test_cfg").path("rcnn").isObject()) {
      throw new ConfigException(src, "model.test_cfg.rcnn", "the recipe needs a model with it");
    }
    ObjectNode edited = (ObjectNode) model.deepCopy();
    ((ObjectNode) edited.get("test_cfg").get("rcnn")).put("score_thr", 0.0);
    DetectorFactory factory =
        Guice.createInjector(new DetectionModule()).getInstance(DetectorFactory.class);
    DetectorConfig c = DetectorFactory.config(edited, src, "model");
    TwoStageDetector detector = factory.build(c, src, "model");
    Device dev = device.resolve();
    boolean train = mode == Mode.TRAIN;
    DetectorBenchmark.Result r =
        DetectorBenchmark.run(
            detector,
            new DetectorBenchmark.Settings(
                Long.parseLong(hw[0]), Long.parseLong(hw[1]), warmup, repeats, train),
            dev);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("config", config.getFileName().toString());
    out.put("mode", train ? "train" : "infer");
    out.put("size", hw[0] + "x" + hw[1]);
    out.put("device", dev.toString());
    out.put("threads", threads.threads() > 0 ? Integer.toString(threads.threads()) : "default");
    String omp = System.getenv("OMP_WAIT_POLICY");
    out.put("omp_wait_policy", omp == null ? "unset" : omp);
    out.put(train ? "train_step_ms" : "infer_ms", r.msMedian());
    out.put("ms_min", r.msMin());
    out.put("gflop_per_s", r.gflops());
    out.put("matmul_gflop_per_s", r.matmulGflops());
    out.put("fraction_of_matmul", r.gflops() / r.matmulGflops());
    out.put("gflop_per_iteration", r.gflopPerIteration());
    out.put("peak_rss_mb", r.peakRssBytes() / (1024.0 * 1024.0));
    out.put("box_rois_per_stage", r.stageRois());
    out.put("mask_rois_per_stage", r.maskRois());
    out.put("samples_ms", r.samplesMs());
    ReportOutput.print(
        out, json, 22, v -> v instanceof long[] a ? java.util.Arrays.toString(a) : v);
    return 0;
  }
}
