package org.mlpvision.cli.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mlpvision.bench.ops.OpsBenchmark;
import org.mlpvision.cli.ThreadCounts;
import org.mlpvision.core.config.ConfigLoader;
import org.mlpvision.core.device.DeviceSpec;
import org.mlpvision.core.device.ThreadSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vision bench ops}: speed of RoIAlign, NMS and anchor assignment on realistic sizes. */
@Command(
    name = "ops",
    mixinStandardHelpOptions = true,
    description =
        "Time RoIAlign (FPN of an 800x1216 image), NMS (2000/10000 boxes) and anchor assignment.")
public final class BenchOpsCommand implements Callable<Integer> {
  @Option(
      names = "--threads",
      defaultValue = "2",
      description = "PyTorch intra-op threads, at least 1 (default ${DEFAULT-VALUE})")
  void setThreads(int value) {
    threads = ThreadCounts.atLeast(spec, "--threads", value, 1);
  }

  @Spec CommandSpec spec;

  private int threads;

  @Option(names = "--repeats", description = "Timed runs per figure; the median is reported")
  int repeats = 11;

  @Option(
      names = "--warmup",
      description = "Untimed runs before timing (the JIT compiles the host loops in the first few)")
  int warmup = 5;

  @Option(names = "--seed", description = "Seed of the synthetic inputs")
  long seed = 42;

  @Option(names = "--device", description = "auto, cpu or gpu:N (default ${DEFAULT-VALUE})")
  String device = "auto";

  @Option(names = "--json", description = "Print JSON instead of aligned text")
  boolean json;

  @Override
  public Integer call() throws Exception {
    new ThreadSettings(threads, 1).apply();
    // The host loops (RoIAlign, assignment) run on the common fork-join pool plus the calling
    // thread; capping the pool makes "on N threads" hold for them too on machines with more cores.
    System.setProperty(
        "java.util.concurrent.ForkJoinPool.common.parallelism",
        Integer.toString(Math.max(0, threads - 1)));
    DeviceSpec spec = DeviceSpec.parse(device);
    var dev = spec.resolve();
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("device", dev.toString());
    report.put("threads", threads);
    report.put("repeats", repeats);
    report.putAll(new OpsBenchmark(repeats, warmup, seed).run(dev));
    if (json) {
      System.out.println(ConfigLoader.mapper().writeValueAsString(report));
    } else {
      report.forEach(
          (k, v) ->
              System.out.printf(
                  "%-28s %s%n", k, v instanceof Double d ? String.format("%.2f", d) : v));
    }
    return 0;
  }
}
