package org.mlpvision.core.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code vision test} asks of a task runner: the checkpoint and device, and the options only
 * some tasks support (segmentation's inference mode, multi-scale + flip test and prediction images;
 * detection's COCO results file).
 *
 * @param checkpoint a {@code ckpt-*.ckpt} file or an official state dict
 * @param device {@code auto}, {@code cpu} or {@code gpu:N}, or null for the recipe's device
 * @param mode an inference mode overriding the recipe's ({@code whole}, {@code slide}), or null
 * @param augTest multi-scale + flip test
 * @param showDir where to write prediction images, or null
 * @param results where to write the task's results file ({@code --out}), or null
 */
public record TestOptions(
    Path checkpoint, String device, String mode, boolean augTest, Path showDir, Path results) {
  /** Only a checkpoint and a device. */
  public static TestOptions of(Path checkpoint, String device) {
    return new TestOptions(checkpoint, device, null, false, null, null);
  }

  /** These options writing the results file to {@code file}. */
  public TestOptions withResults(Path file) {
    return new TestOptions(checkpoint, device, mode, augTest, showDir, file);
  }

  /**
   * Refuses every task-specific option that is set and not in {@code supported} (flag names such as
   * {@code --mode}), so a flag is never silently ignored.
   *
   * @param task the recipe's task, for the message
   * @throws IllegalArgumentException naming the first unsupported flag that is set
   */
  public void requireOnly(String task, String... supported) {
    List<String> set = new ArrayList<>();
    if (mode != null) {
      set.add("--mode");
    }
    if (augTest) {
      set.add("--aug-test");
    }
    if (showDir != null) {
      set.add("--show-dir");
    }
    if (results != null) {
      set.add("--out");
    }
    set.removeAll(List.of(supported));
    if (!set.isEmpty()) {
      throw new IllegalArgumentException(
          set.get(0) + " does not apply to " + task + " recipes" + supportedText(supported));
    }
  }

  private static String supportedText(String[] supported) {
    return supported.length == 0 ? "" : " (they take " + String.join(", ", supported) + ")";
  }
}
