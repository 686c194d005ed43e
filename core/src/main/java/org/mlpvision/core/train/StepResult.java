package org.mlpvision.core.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one optimizer step produced, as hooks see it.
 *
 * @param iteration completed optimizer steps after this one (the step of 0-based index {@code
 *     iteration - 1})
 * @param lr the learning rate the step used
 * @param losses each loss term, weighted over the step's micro-batches and parts
 * @param scalars the task's extra scalars ({@link StepContext#scalar}), weighted the same way
 * @param gradNorm the global gradient L2 norm before clipping
 * @param images images in the step (all micro-batches)
 */
public record StepResult(
    long iteration,
    double lr,
    Map<String, Double> losses,
    Map<String, Double> scalars,
    double gradNorm,
    int images) {
  /** Keeps the maps' order, read-only. */
  public StepResult {
    losses = Collections.unmodifiableMap(new LinkedHashMap<>(losses));
    scalars = Collections.unmodifiableMap(new LinkedHashMap<>(scalars));
  }

  /** The total loss: the sum of the terms. */
  public double loss() {
    return losses.values().stream().mapToDouble(Double::doubleValue).sum();
  }
}
