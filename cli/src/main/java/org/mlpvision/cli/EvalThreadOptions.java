package org.mlpvision.cli;

import org.mlpvision.core.device.ThreadSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The thread options of the COCO evaluation commands ({@code eval coco}, {@code bench coco-eval}):
 * {@code --threads} for host worker threads (default: all cores) and {@code --torch-threads} for
 * PyTorch intra-op threads (default 1). Both commands do the same work, so their defaults must stay
 * equal; {@code eval seg} has no host threads and documents its own {@code --torch-threads}.
 */
public final class EvalThreadOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  private int threads = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--torch-threads",
      defaultValue = "1",
      description =
          "PyTorch intra-op threads (default 1: the box IoU ops are small, and the host threads"
              + " already use the cores; more only spin on a busy machine; 0: the engine's choice)")
  int torchThreads;

  @Option(
      names = "--threads",
      paramLabel = "<threads>",
      description = "host worker threads, at least 1 (default: cores)")
  void setThreads(int value) {
    threads = ThreadCounts.atLeast(spec, "--threads", value, 1);
  }

  /** Host worker threads for the evaluator. */
  public int hostThreads() {
    return threads;
  }

  /**
   * Sets PyTorch's intra-op threads and one inter-op thread; call before the engine loads, since
   * libtorch reads them once.
   */
  public void applyTorchThreads() {
    new ThreadSettings(torchThreads, 1).apply();
  }
}
