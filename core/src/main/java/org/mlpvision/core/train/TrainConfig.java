package org.mlpvision.core.train;

import org.mlpvision.core.config.Defaults;
import org.mlpvision.core.config.OneOf;
import org.mlpvision.core.config.Range;

/**
 * The {@code train} section shared by every task: how long, how the optimizer and schedule behave,
 * and how often the loop logs, validates and checkpoints. One iteration is one optimizer step.
 *
 * @param maxIters optimizer steps of the whole run (default 1000)
 * @param optimizer AdamW settings
 * @param schedule learning-rate schedule
 * @param clipGradNorm maximum global gradient L2 norm; 0 disables clipping (default 0)
 * @param accumulate micro-batches whose gradients are summed per step (default 1)
 * @param batchNorm {@code eval} or {@code frozen} puts every {@link ModalNorm} layer of the model
 *     in that mode; {@code train} (the default) leaves each layer's own mode (such as a backbone's
 *     {@code norm_eval})
 * @param logEvery iterations between {@code metrics.jsonl} lines, each with the mean losses since
 *     the previous line (default 10)
 * @param checkpointEvery iterations between checkpoints (default 500); the last one is always saved
 * @param keepCheckpoints how many checkpoints to keep (default 3)
 * @param validateEvery iterations between validation runs; 0 validates only at the end (default 0)
 */
public record TrainConfig(
    @Range(min = 1) Integer maxIters,
    OptimizerConfig optimizer,
    ScheduleConfig schedule,
    @Range(min = 0) Double clipGradNorm,
    @Range(min = 1, max = 4096) Integer accumulate,
    @OneOf({"train", "eval", "frozen"}) String batchNorm,
    @Range(min = 1) Integer logEvery,
    @Range(min = 1) Integer checkpointEvery,
    @Range(min = 1, max = 1000) Integer keepCheckpoints,
    @Range(min = 0) Integer validateEvery) {

  /** Fills the pinned defaults. */
  public TrainConfig {
    maxIters = Defaults.or(maxIters, 1000);
    optimizer = Defaults.or(optimizer, OptimizerConfig.defaults());
    schedule = Defaults.or(schedule, ScheduleConfig.defaults());
    clipGradNorm = Defaults.or(clipGradNorm, 0.0);
    accumulate = Defaults.or(accumulate, 1);
    batchNorm = Defaults.or(batchNorm, "train");
    logEvery = Defaults.or(logEvery, 10);
    checkpointEvery = Defaults.or(checkpointEvery, 500);
    keepCheckpoints = Defaults.or(keepCheckpoints, 3);
    validateEvery = Defaults.or(validateEvery, 0);
  }

  /** All defaults. */
  public static TrainConfig defaults() {
    return new TrainConfig(null, null, null, null, null, null, null, null, null, null);
  }

  /** The same settings with another iteration count (the CLI's {@code --max-iters}). */
  public TrainConfig withMaxIters(int iters) {
    return new TrainConfig(
        iters,
        optimizer,
        schedule,
        clipGradNorm,
        accumulate,
        batchNorm,
        logEvery,
        checkpointEvery,
        keepCheckpoints,
        validateEvery);
  }

  /** The batch-norm mode as an enum. */
  public BatchNormMode batchNormMode() {
    return BatchNormMode.valueOf(batchNorm.toUpperCase(java.util.Locale.ROOT));
  }
}
