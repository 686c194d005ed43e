package org.mlpvision.detection.task;

import java.nio.file.Path;
import org.mlpvision.core.config.Defaults;
import org.mlpvision.core.config.Range;

/**
 * A detection recipe's {@code data} section, in mmdet's terms: images per step, loader threads, and
 * the {@code train}, {@code val} and {@code test} splits ({@link DetSplitConfig}).
 *
 * @param samplesPerGpu images per micro-batch (mmdet's {@code samples_per_gpu}; default 2)
 * @param workersPerGpu loader threads (default 2)
 * @param dataRoot folder the splits' relative paths start from (default: the working directory;
 *     with {@code synth}, relative to the run's work directory)
 * @param synth generate coco-shapes into {@code data_root} first when it is empty, or null
 * @param train the training split
 * @param val the split evaluated during training
 * @param test the split {@code vision test} evaluates (default: {@code val})
 */
public record DetDataConfig(
    @Range(min = 1, max = 1024) Integer samplesPerGpu,
    @Range(min = 1, max = 256) Integer workersPerGpu,
    String dataRoot,
    SynthConfig synth,
    DetSplitConfig train,
    DetSplitConfig val,
    DetSplitConfig test) {
  /** Fills the defaults and checks the splits. */
  public DetDataConfig {
    samplesPerGpu = Defaults.or(samplesPerGpu, 2);
    workersPerGpu = Defaults.or(workersPerGpu, 2);
    if (train == null || val == null) {
      throw new IllegalArgumentException("data needs train and val splits");
    }
    test = Defaults.or(test, val);
  }

  /** The folder relative split paths start from, for a run in {@code workDir}. */
  public Path rootFor(Path workDir) {
    Path root = Path.of(dataRoot == null ? "" : dataRoot);
    return synth != null && !root.isAbsolute() ? workDir.resolve(root) : root;
  }
}
