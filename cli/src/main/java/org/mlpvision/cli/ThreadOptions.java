package org.mlpvision.cli;

import org.mlpvision.core.device.ThreadSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code --threads} option of commands whose only thread knob is PyTorch's intra-op pool
 * (default: the engine's own choice). Commands where {@code --threads} means host worker threads,
 * or whose PyTorch threads default to another value, use {@link EvalThreadOptions} or their own
 * option instead, so no command's default changes.
 */
public final class ThreadOptions {
  // 0 is ThreadSettings' "keep the engine default", as in a recipe's runtime section.
  @Option(
      names = "--threads",
      paramLabel = "<threads>",
      description = "PyTorch intra-op threads; 0 (the default) keeps the engine's own choice")
  void setThreads(int value) {
    threads = ThreadCounts.atLeast(spec, "--threads", value, 0);
  }

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  private int threads;

  /** The requested intra-op thread count, 0 for the engine's default. */
  public int threads() {
    return threads;
  }

  /**
   * Applies the intra-op count with the engine's inter-op default; call before the engine loads.
   */
  public void apply() {
    apply(0);
  }

  /**
   * Applies the intra-op count together with {@code interOpThreads} (0: engine default); call
   * before the engine loads, since libtorch reads both once.
   */
  public void apply(int interOpThreads) {
    new ThreadSettings(threads, interOpThreads).apply();
  }
}
