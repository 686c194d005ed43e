package org.mlpvision.core.train;

import java.util.Random;

/**
 * What the training loop tells a task about the step it is computing losses for: which iteration, a
 * random generator for the task's own random choices (samplers, crops), and a sink for extra
 * scalars that land in {@code metrics.jsonl} next to the losses (per-stage positive and negative
 * counts, accuracies).
 *
 * <p>The random stream is a function of the run's seed, the iteration, the micro-batch and the
 * data-parallel part only, so a resumed run draws exactly what an uninterrupted one would. A
 * context is valid during one {@link TrainTask#losses} call.
 */
public interface StepContext {
  /** The optimizer step being computed (0-based). */
  long iteration();

  /** The random generator of this step, micro-batch and part. */
  Random random();

  /**
   * Records a scalar of this step under {@code name}; one value per name and call (a second one
   * replaces the first). The loop weights the parts and micro-batches of a step by their share of
   * its images, as it does the losses, and {@code metrics.jsonl} shows each name's mean over the
   * steps between two log lines under {@code "scalars"}.
   */
  void scalar(String name, double value);
}
