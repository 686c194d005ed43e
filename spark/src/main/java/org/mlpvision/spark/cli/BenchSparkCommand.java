package org.mlpvision.spark.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mlpvision.core.config.ConfigLoader;
import org.mlpvision.spark.bench.SparkBenchmark;
import org.mlpvision.spark.data.InputSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vision bench spark}: images/s of {@code vision spark test} under each master (by default
 * {@code local[1]} and {@code local[2]}), measured in alternating rounds (A B A B; medians) so that
 * a shared machine's load falls on both alike, and the scaling ratio of the last master to the
 * first.
 */
@Command(
    name = "spark",
    description =
        "Images/s of vision spark test under local[1] and local[2] (or --master ...), and the"
            + " scaling ratio.")
public final class BenchSparkCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory")
  String model;

  @Option(
      names = "--images",
      defaultValue = "32",
      description = "Synthetic images per timed job (default ${DEFAULT-VALUE})")
  int images;

  @Option(
      names = "--size",
      defaultValue = "160x128",
      paramLabel = "WxH",
      description = "Image width x height (default ${DEFAULT-VALUE}, the demo recipes' size)")
  String size;

  @Option(
      names = "--master",
      split = ",",
      defaultValue = "local[1],local[2]",
      paramLabel = "URL",
      description = "Masters to compare, in order (default ${DEFAULT-VALUE})")
  List<String> masters;

  @Option(
      names = "--rounds",
      defaultValue = "2",
      description = "Alternating rounds over the masters (default ${DEFAULT-VALUE})")
  int rounds;

  @Option(names = "--batch-size", defaultValue = "1", description = "Images per batchPredict")
  int batchSize;

  @Option(names = "--json", description = "Print JSON instead of aligned text")
  boolean json;

  @Override
  public Integer call() throws Exception {
    String[] wh = size.toLowerCase(Locale.ROOT).split("x");
    if (wh.length != 2 || !wh[0].matches("\\d{2,5}") || !wh[1].matches("\\d{2,5}")) {
      throw new IllegalArgumentException("--size must be WxH, e.g. 160x128, got " + size);
    }
    if (rounds < 1 || images < 1) {
      throw new IllegalArgumentException("--rounds and --images must be >= 1");
    }
    Path dir = Files.createTempDirectory("mlpvision-bench-spark-");
    InputSet inputs =
        SparkBenchmark.synthesize(
            model, dir, images, Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
    double load = loadAverage();
    Map<String, List<Double>> rates = new LinkedHashMap<>();
    Map<String, List<Double>> cpu = new LinkedHashMap<>();
    Map<String, Integer> cores = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      for (String master : masters) {
        try {
          SparkBenchmark.Measurement m =
              SparkBenchmark.measure(
                  SparkContexts.open("mlpvision bench spark", master, Map.of()),
                  model,
                  inputs,
                  batchSize,
                  json ? line -> {} : System.err::println);
          rates.computeIfAbsent(master, k -> new ArrayList<>()).add(m.imagesPerSecond());
          cpu.computeIfAbsent(master, k -> new ArrayList<>()).add(m.cpuSecondsPerImage());
          cores.put(master, m.cores());
        } finally {
          SparkContexts.stop();
        }
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("model", model);
    out.put("images", images);
    out.put("size", size);
    out.put("rounds", rounds);
    out.put("batch_size", batchSize);
    Map<String, Object> perMaster = new LinkedHashMap<>();
    for (String master : masters) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("task_slots", cores.get(master));
      m.put("images_per_s", median(rates.get(master)));
      m.put("images_per_s_rounds", rates.get(master));
      m.put("cpu_s_per_image", median(cpu.get(master)));
      perMaster.put(master, m);
    }
    out.put("masters", perMaster);
    double first = median(rates.get(masters.get(0)));
    double last = median(rates.get(masters.get(masters.size() - 1)));
    out.put("scaling", last / first);
    out.put("load_average_before", load);
    out.put("load_average_after", loadAverage());
    out.put("omp_wait_policy", System.getenv().getOrDefault("OMP_WAIT_POLICY", "unset"));
    if (json) {
      System.out.println(ConfigLoader.mapper().writeValueAsString(out));
    } else {
      out.forEach((k, v) -> System.out.printf(Locale.ROOT, "%-20s %s%n", k, v));
    }
    return 0;
  }

  private static double median(List<Double> xs) {
    double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }

  /** The 1-minute load average (/proc/loadavg), or -1 where there is none. */
  private static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
