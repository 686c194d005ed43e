package org.mlpvision.core.train;

import java.nio.file.Path;

/**
 * Command-line overrides of a training run.
 *
 * @param workDir the run's work directory
 * @param resume continue from the newest complete checkpoint there
 * @param maxIters replaces {@code train.maxIters} when not null
 * @param device replaces {@code runtime.device} when not null ({@code auto}, {@code cpu}, {@code
 *     gpu:N})
 * @param progress show a console progress bar
 */
public record RunOptions(
    Path workDir, boolean resume, Integer maxIters, String device, boolean progress) {}
