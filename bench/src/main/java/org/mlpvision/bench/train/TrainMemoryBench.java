package org.mlpvision.bench.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.core.inject.Tasks;
import org.mlpvision.core.train.MetricsLog;
import org.mlpvision.core.train.RunOptions;
import org.mlpvision.core.train.TrainResult;

/**
 * Native-memory flatness of the training loop: trains a small Hire-MLP classifier on the shape set
 * through the real engine (scoped iterations, AdamW, checkpoints, metrics) and samples the process
 * RSS that the loop writes into {@code metrics.jsonl}. The run's runner and loop are exactly the
 * ones {@code vision train} uses.
 */
public final class TrainMemoryBench {
  private TrainMemoryBench() {}

  /** The measured RSS samples and the growth between two chosen iterations. */
  public record Report(
      Map<Long, Double> rssMbByIteration,
      long early,
      long late,
      double growthPercent,
      long iterations,
      double seconds) {}

  /**
   * Runs the benchmark.
   *
   * @param iterations total iterations (the late sample)
   * @param early the early sample's iteration (after warm-up)
   * @param batchSize images per batch
   * @param warmup iterations of a separate, unmeasured run first, so that JIT compilation, the Java
   *     heap and the native allocator's pools have settled before the measured run starts
   * @param workDir where the run's files go
   */
  public static Report run(int iterations, int early, int batchSize, int warmup, Path workDir)
      throws Exception {
    String recipe =
        """
        {"task": "classification",
         "runtime": {"device": "cpu", "seed": 1},
         "model": {"type": "hire_mlp", "depths": [1, 1, 1, 1], "embed_dims": [8, 16, 16, 16],
                   "drop_path": 0.1},
         "data": {"image_size": 32, "train_size": 512, "val_size": 1, "seed": 1, "batch_size": %d},
         "train": {"max_iters": %d, "optimizer": {"lr": 0.001}, "log_every": %d,
                   "checkpoint_every": %d, "keep_checkpoints": 1}}
        """
            .formatted(batchSize, iterations, gcd(early, iterations), Math.max(1, iterations / 4));
    Files.createDirectories(workDir);
    if (warmup > 0) {
      Tasks.runner(Tasks.injector(ConfigSource.of("bench-memory-warmup", recipe)))
          .train(new RunOptions(workDir.resolve("warmup"), false, warmup, null, false));
    }
    long t0 = System.nanoTime();
    TrainResult r =
        Tasks.runner(Tasks.injector(ConfigSource.of("bench-memory", recipe)))
            .train(new RunOptions(workDir, false, null, null, false));
    double seconds = (System.nanoTime() - t0) / 1e9;
    // The loop writes the process RSS into every metrics line, right after the iteration's step.
    Map<Long, Double> samples = new TreeMap<>();
    for (JsonNode row : MetricsLog.read(workDir.resolve("metrics.jsonl"))) {
      if (row.has("rss_mb")) {
        samples.put(row.get("iter").asLong(), row.get("rss_mb").asDouble());
      }
    }
    Double a = samples.get((long) early);
    Double b = samples.get((long) iterations);
    if (a == null || b == null) {
      throw new IllegalStateException("no RSS sample at iteration " + early + " or " + iterations);
    }
    return new Report(
        new LinkedHashMap<>(samples),
        early,
        iterations,
        100 * (b - a) / a,
        r.iterations(),
        seconds);
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
