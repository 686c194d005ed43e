package org.mlpvision.core.train;

import java.nio.file.Path;

/**
 * Command-line overrides of a training run.
 *
 * @param workDir the run's work directory
 * @param start a new run (the directory must be empty), a resume of its run, or a new run in place
 *     of the previous one
 * @param maxIters replaces {@code train.max_iters} when not null
 * @param device replaces {@code runtime.device} when not null ({@code auto}, {@code cpu}, {@code
 *     gpu:N})
 * @param progress show a console progress bar
 */
public record RunOptions(
    Path workDir, StartMode start, Integer maxIters, String device, boolean progress) {
  /** Checks that a start mode is given. */
  public RunOptions {
    if (start == null) {
      throw new IllegalArgumentException("a start mode is required");
    }
  }

  /** A new run ({@code resume = false}) or a resume, as {@code vision train [--resume]}. */
  public RunOptions(
      Path workDir, boolean resume, Integer maxIters, String device, boolean progress) {
    this(workDir, resume ? StartMode.RESUME : StartMode.FRESH, maxIters, device, progress);
  }
}
