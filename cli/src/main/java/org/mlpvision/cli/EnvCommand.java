package org.mlpvision.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.mlpvision.core.device.EngineReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vision env}: what this machine and process have (engine, natives, devices, threads). */
@Command(name = "env", description = "Print engine, native library, devices, threads and Java.")
final class EnvCommand implements Callable<Integer> {
  @Mixin ThreadOptions threads;

  @Option(
      names = "--interop-threads",
      description = "PyTorch inter-op threads; 0 (the default) keeps the engine's own choice")
  int interopThreads;

  @Mixin ReportOutput output;

  @Override
  public Integer call() throws Exception {
    threads.apply(interopThreads);
    Map<String, Object> report = EngineReport.collect();
    output.print(report, 22);
    return 0;
  }
}
