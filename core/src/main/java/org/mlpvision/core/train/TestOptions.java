package org.mlpvision.core.train;

import java.nio.file.Path;

/**
 * What {@code vision test} asks of a task runner: the checkpoint and device, and the options only
 * some tasks support (segmentation's inference mode, multi-scale + flip test and prediction
 * images).
 *
 * @param checkpoint a {@code ckpt-*.ckpt} file
 * @param device {@code auto}, {@code cpu} or {@code gpu:N}, or null for the recipe's device
 * @param mode an inference mode overriding the recipe's ({@code whole}, {@code slide}), or null
 * @param augTest multi-scale + flip test
 * @param showDir where to write prediction images, or null
 */
public record TestOptions(
    Path checkpoint, String device, String mode, boolean augTest, Path showDir) {
  /** Only a checkpoint and a device. */
  public static TestOptions of(Path checkpoint, String device) {
    return new TestOptions(checkpoint, device, null, false, null);
  }

  /** Whether any task-specific option is set. */
  public boolean hasTaskOptions() {
    return mode != null || augTest || showDir != null;
  }
}
