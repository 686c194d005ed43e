package org.mlpvision.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.mlpvision.core.config.ConfigLoader;
import org.mlpvision.core.device.EngineReport;
import org.mlpvision.core.device.ThreadSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vision env}: what this machine and process have (engine, natives, devices, threads). */
@Command(name = "env", description = "Print engine, native library, devices, threads and Java.")
final class EnvCommand implements Callable<Integer> {
  @Option(names = "--threads", description = "PyTorch intra-op threads (default: engine's)")
  int threads;

  @Option(names = "--interop-threads", description = "PyTorch inter-op threads")
  int interopThreads;

  @Option(names = "--json", description = "Print JSON instead of aligned text")
  boolean json;

  @Override
  public Integer call() throws Exception {
    new ThreadSettings(threads, interopThreads).apply();
    Map<String, Object> report = EngineReport.collect();
    if (json) {
      System.out.println(ConfigLoader.mapper().writeValueAsString(report));
    } else {
      report.forEach((k, v) -> System.out.printf("%-22s %s%n", k, v));
    }
    return 0;
  }
}
