package org.mlpvision.core.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a finished run reports.
 *
 * @param iterations completed optimizer steps (including those before a resume)
 * @param startIteration where this process started (0, or the resumed checkpoint's iteration)
 * @param seconds wall time of this process's part of the run
 * @param lastLoss the last iteration's total loss (from the checkpoint when nothing was left to
 *     train)
 * @param validation the last evaluation's metrics (empty when there was no evaluation)
 * @param lastCheckpoint the newest checkpoint written or resumed from
 * @param resumedFrom the checkpoint this process resumed from, or null
 * @param skipped checkpoint files a resume passed over, each with the reason
 */
public record TrainResult(
    long iterations,
    long startIteration,
    double seconds,
    double lastLoss,
    Map<String, Double> validation,
    Path lastCheckpoint,
    Path resumedFrom,
    List<CheckpointStore.Skipped> skipped) {}
