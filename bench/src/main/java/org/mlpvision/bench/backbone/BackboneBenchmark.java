package org.mlpvision.bench.backbone;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlpvision.backbone.Backbone;
import org.mlpvision.backbone.Classifier;
import org.mlpvision.nn.LayerProfile;

/**
 * Times a backbone or classifier: forward (or forward + backward) latency after warm-up, as a
 * median over repeats, and the same run's DJL matmul rate as the machine's reference. Each
 * iteration allocates in its own scope, so memory stays flat.
 *
 * <p>Arithmetic: forward FLOPs = 2 × conv/linear MACs × batch; forward + backward counts 3× the
 * forward FLOPs (the usual estimate: the backward computes input and weight gradients).
 */
public final class BackboneBenchmark {
  /**
   * What to measure.
   *
   * @param batch images per forward
   * @param height input height
   * @param width input width
   * @param warmup untimed iterations first
   * @param repeats timed iterations
   * @param backward time forward + backward (training mode) instead of inference forward
   * @param profile also time each module class over a few extra iterations
   */
  public record Settings(
      int batch,
      long height,
      long width,
      int warmup,
      int repeats,
      boolean backward,
      boolean profile) {
    /** Validates the numbers. */
    public Settings {
      if (batch < 1 || height < 1 || width < 1 || warmup < 0 || repeats < 1) {
        throw new IllegalArgumentException(
            "bad benchmark settings: batch "
                + batch
                + ", input "
                + height
                + "x"
                + width
                + ", warmup "
                + warmup
                + ", repeats "
                + repeats);
      }
    }
  }

  /**
   * What was measured.
   *
   * @param msMedian median milliseconds per batch
   * @param msMin fastest batch
   * @param cpuMsMedian median CPU time of the whole process per batch (all threads, JIT and GC
   *     included; Linux counts it in 10 ms steps): on a machine shared with other work it moves
   *     much less than wall time
   * @param imagesPerS batch / median seconds
   * @param gflops achieved GFLOP/s at the median
   * @param matmulGflops GFLOP/s of a 1024³ float32 matmul in the same process (the better of a
   *     measurement before and one after the model)
   * @param macsPerImage conv + linear MACs of one forward on one image
   * @param samplesMs every timed iteration
   * @param profileMs module class → inclusive milliseconds per batch (empty unless profiled)
   */
  public record Result(
      double msMedian,
      double msMin,
      double cpuMsMedian,
      double imagesPerS,
      double gflops,
      double matmulGflops,
      long macsPerImage,
      List<Double> samplesMs,
      Map<String, Double> profileMs) {}

  private BackboneBenchmark() {}

  /** Benchmarks an uninitialised {@code block} (a {@link Backbone} or {@link Classifier}). */
  public static Result run(Block block, Settings s, Device device) {
    long macs = macsOf(block, s.height(), s.width());
    try (NDManager m = NDManager.newBaseManager(device)) {
      Shape shape = new Shape(s.batch(), 3, s.height(), s.width());
      block.initialize(m, DataType.FLOAT32, shape);
      ParameterStore ps = new ParameterStore(m, false);
      // The reference rate is measured before and after the model and the better one kept, so a
      // burst of load from other processes cannot make the model look closer to it than it is.
      double matmulBefore = matmulGflops(m, 1024, 3, 10);
      List<Double> samples = new ArrayList<>();
      List<Double> cpuSamples = new ArrayList<>();
      for (int i = 0; i < s.warmup() + s.repeats(); i++) {
        try (NDManager it = m.newSubManager()) {
          NDArray x = it.randomNormal(shape);
          long c0 = processCpuNanos();
          long t0 = System.nanoTime();
          step(block, ps, x, s.backward());
          double ms = (System.nanoTime() - t0) / 1e6;
          double cpuMs = (processCpuNanos() - c0) / 1e6;
          if (i >= s.warmup()) {
            samples.add(ms);
            cpuSamples.add(cpuMs);
          }
        }
      }
      Map<String, Double> profile = new LinkedHashMap<>();
      if (s.profile()) {
        int n = Math.max(1, Math.min(3, s.repeats()));
        try (LayerProfile p = LayerProfile.start()) {
          for (int i = 0; i < n; i++) {
            try (NDManager it = m.newSubManager()) {
              step(block, ps, it.randomNormal(shape), s.backward());
            }
          }
          p.totals().entrySet().stream()
              .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
              .forEach(e -> profile.put(e.getKey(), e.getValue()[0] / 1e6 / n));
        }
      }
      double median = median(samples);
      double flops = 2.0 * macs * s.batch() * (s.backward() ? 3 : 1);
      double matmul = Math.max(matmulBefore, matmulGflops(m, 1024, 3, 10));
      return new Result(
          median,
          samples.stream().mapToDouble(Double::doubleValue).min().orElse(median),
          median(cpuSamples),
          s.batch() / (median / 1e3),
          flops / (median / 1e3) / 1e9,
          matmul,
          macs,
          samples,
          profile);
    }
  }

  private static void step(Block block, ParameterStore ps, NDArray x, boolean backward) {
    if (!backward) {
      NDList out = block.forward(ps, new NDList(x), false);
      // Force completion of any lazily evaluated op before the clock stops.
      out.forEach(a -> a.get(0).toFloatArray());
      return;
    }
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDList out = block.forward(ps, new NDList(x), true);
      NDArray loss = null;
      for (NDArray a : out) {
        NDArray s = a.mean();
        loss = loss == null ? s : loss.add(s);
      }
      gc.backward(loss);
    }
  }

  /** Median GFLOP/s of an n×n×n float32 matmul (2n³ FLOPs) on {@code m}'s device. */
  public static double matmulGflops(NDManager m, int n, int warmup, int repeats) {
    List<Double> ms = new ArrayList<>();
    try (NDManager it = m.newSubManager()) {
      NDArray a = it.randomNormal(new Shape(n, n));
      NDArray b = it.randomNormal(new Shape(n, n));
      for (int i = 0; i < warmup + repeats; i++) {
        try (NDManager s = it.newSubManager()) {
          long t0 = System.nanoTime();
          NDArray c = a.matMul(b);
          c.get(0, 0).getFloat();
          double t = (System.nanoTime() - t0) / 1e6;
          c.attach(s);
          if (i >= warmup) {
            ms.add(t);
          }
        }
      }
    }
    return 2.0 * n * n * n / (median(ms) / 1e3) / 1e9;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long macsOf(Block block, long h, long w) {
    if (block instanceof Backbone b) {
      return b.macs(h, w);
    }
    if (block instanceof Classifier c) {
      return c.macs(h, w);
    }
    throw new IllegalArgumentException("not a backbone or classifier: " + block.getClass());
  }

  /** The median of {@code xs} (the mean of the middle two for an even count). */
  public static double median(List<Double> xs) {
    List<Double> sorted = new ArrayList<>(xs);
    sorted.sort(Double::compare);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
