package org.mlpvision.cli.bench;

import ai.djl.Device;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mlpvision.bench.backbone.BackboneBenchmark;
import org.mlpvision.cli.DeviceOptions;
import org.mlpvision.cli.ReportOutput;
import org.mlpvision.cli.ThreadOptions;
import org.mlpvision.cli.backbone.InputSizeOption;
import org.mlpvision.cli.backbone.ModelOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vision bench backbone}: latency, throughput and GFLOP/s of a backbone vs. a matmul. */
@Command(
    name = "backbone",
    description = "Forward (or forward+backward) speed of a backbone, with the matmul rate.")
public final class BenchBackboneCommand implements Callable<Integer> {
  @Mixin ModelOption model;

  @Option(
      names = "--batch",
      defaultValue = "1",
      description = "Batch size (default ${DEFAULT-VALUE})")
  int batch;

  @Mixin InputSizeOption input;

  @Mixin ThreadOptions threads;

  @Option(names = "--backward", description = "Time forward + backward in training mode")
  boolean backward;

  @Option(
      names = "--warmup",
      defaultValue = "3",
      description = "Untimed iterations (default ${DEFAULT-VALUE})")
  int warmup;

  @Option(
      names = "--repeats",
      defaultValue = "10",
      description = "Timed iterations (default ${DEFAULT-VALUE})")
  int repeats;

  @Mixin DeviceOptions device;

  @Option(
      names = "--profile",
      description = "Also report inclusive ms per module class (exact for CPU forward)")
  boolean profile;

  // Not ReportOutput's --json: this help text lists the main keys, which users look for.
  @Option(
      names = "--json",
      description = "Print JSON (ms_median, images_per_s, gflops, matmul_gflops)")
  boolean json;

  @Override
  public Integer call() throws Exception {
    threads.apply();
    long[] hw = input.hw();
    Device dev = device.resolve();
    BackboneBenchmark.Settings s =
        new BackboneBenchmark.Settings(batch, hw[0], hw[1], warmup, repeats, backward, profile);
    BackboneBenchmark.Result r = BackboneBenchmark.run(model.build(), s, dev);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("model", model.name());
    out.put("form", model.dense() ? "dense" : "classifier");
    out.put("device", dev.toString());
    out.put("threads", threads.threads() > 0 ? Integer.toString(threads.threads()) : "default");
    // libgomp reads it at start-up; ACTIVE (spinning) collapses multi-thread runs on busy machines.
    String omp = System.getenv("OMP_WAIT_POLICY");
    out.put("omp_wait_policy", omp == null ? "unset" : omp);
    out.put("batch", batch);
    out.put("input", new long[] {hw[0], hw[1]});
    out.put("mode", backward ? "forward+backward" : "forward");
    out.put("ms_median", r.msMedian());
    out.put("ms_min", r.msMin());
    out.put("cpu_ms_median", r.cpuMsMedian());
    out.put("images_per_s", r.imagesPerS());
    out.put("gflops", r.gflops());
    out.put("matmul_gflops", r.matmulGflops());
    out.put("fraction_of_matmul", r.gflops() / r.matmulGflops());
    out.put("macs_per_image", r.macsPerImage());
    if (profile) {
      out.put("profile_ms", r.profileMs());
    }
    if (json) {
      // Every timed iteration, for percentiles across interleaved runs on a busy machine.
      out.put("samples_ms", r.samplesMs());
    }
    ReportOutput.print(out, json, 20, v -> v instanceof long[] a ? a[0] + "x" + a[1] : v);
    return 0;
  }
}
