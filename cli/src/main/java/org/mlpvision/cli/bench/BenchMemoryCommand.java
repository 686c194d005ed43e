package org.mlpvision.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mlpvision.bench.train.TrainMemoryBench;
import org.mlpvision.core.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vision bench memory}: RSS of a training run at an early and a late iteration (100 and 1000
 * by default); exits 1 when it grew by 5% or more.
 */
@Command(
    name = "memory",
    mixinStandardHelpOptions = true,
    description = "Training-loop RSS at iteration 100 and 1000 of a small model (growth < 5%%).")
public final class BenchMemoryCommand implements Callable<Integer> {
  @Option(names = "--iters", description = "Total iterations, the late sample (default 1000)")
  int iterations = 1000;

  @Option(names = "--early", description = "Iteration of the early sample (default 100)")
  int early = 100;

  @Option(names = "--batch-size", description = "Images per batch (default 8)")
  int batchSize = 8;

  @Option(
      names = "--warmup",
      description = "Iterations of an unmeasured run first (JIT, heap, allocator; default 500)")
  int warmup = 500;

  @Option(names = "--work-dir", description = "Where the run's files go")
  Path workDir = Path.of("work_dirs", "bench-memory");

  @Option(names = "--json", description = "Also write the report to this file")
  Path json;

  @Override
  public Integer call() throws Exception {
    if (early <= 0 || early >= iterations) {
      throw new IllegalArgumentException("--early must be in (0, --iters), got " + early);
    }
    TrainMemoryBench.Report r = TrainMemoryBench.run(iterations, early, batchSize, warmup, workDir);
    double a = r.rssMbByIteration().get((long) early);
    double b = r.rssMbByIteration().get((long) iterations);
    boolean pass = r.growthPercent() < 5.0;
    System.out.printf(
        Locale.ROOT,
        "RSS at iteration %d: %.1f MB; at iteration %d: %.1f MB; growth %.2f%% (%s, limit 5%%)%n"
            + "%d iterations in %.1f s%n",
        early,
        a,
        iterations,
        b,
        r.growthPercent(),
        pass ? "pass" : "FAIL",
        r.iterations(),
        r.seconds());
    if (json != null) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("rss_mb_early", a);
      out.put("rss_mb_late", b);
      out.put("early", early);
      out.put("late", iterations);
      out.put("growth_percent", r.growthPercent());
      out.put("warmup", warmup);
      out.put("pass", pass);
      out.put("seconds", r.seconds());
      out.put("rss_mb_by_iteration", r.rssMbByIteration());
      Files.writeString(json, ConfigLoader.mapper().writeValueAsString(out) + "\n");
    }
    return pass ? 0 : 1;
  }
}
