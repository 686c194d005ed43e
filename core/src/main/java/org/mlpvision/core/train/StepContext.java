package org.mlpvision.core.train;

import java.util.Random;

/**
 * What the training loop tells a task about the step it is computing losses for: which iteration, a
 * random generator for the task's own random choices (samplers, crops), and a sink for extra
 * scalars that land in {@code metrics.jsonl} next to the losses (per-stage positive and negative
 * counts, accuracies).
 *
 * <p>The random stream is a function of the run's seed, the iteration and the micro-batch only, so
 * a resumed run draws exactly what an uninterrupted one would.
 */
public interface StepContext {
  /** The optimizer step being computed (0-based). */
  long iteration();

  /** The random generator of this step and micro-batch. */
  Random random();

  /**
   * Records a scalar of this step under {@code name} (averaged over the steps between two log
   * lines, like the losses).
   */
  void scalar(String name, double value);
}
