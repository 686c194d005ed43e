package org.mlpvision.core.train;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a finished run reports.
 *
 * @param iterations completed optimizer steps (including those before a resume)
 * @param startIteration where this process started (0, or the resumed checkpoint's iteration)
 * @param seconds wall time of this process's part of the run
 * @param lastLoss the last iteration's total loss
 * @param validation the last validation metrics (empty when there was no hook)
 * @param lastCheckpoint the newest checkpoint written
 */
public record TrainResult(
    long iterations,
    long startIteration,
    double seconds,
    double lastLoss,
    Map<String, Double> validation,
    Path lastCheckpoint) {}
