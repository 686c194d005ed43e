package org.mlpvision.core.train;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The named scalar losses of one forward pass (for example {@code loss_cls}, {@code loss_bbox});
 * the loop minimises their sum and logs each one.
 *
 * @param terms name to scalar loss, in reporting order
 */
public record LossTerms(Map<String, NDArray> terms) {

  /** Keeps the order and checks there is at least one term. */
  public LossTerms {
    if (terms.isEmpty()) {
      throw new IllegalArgumentException("a task must return at least one loss term");
    }
    terms = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(terms));
  }

  /** A single loss called {@code name}. */
  public static LossTerms of(String name, NDArray loss) {
    return new LossTerms(Map.of(name, loss));
  }

  /** The sum of all terms. */
  public NDArray total() {
    NDArray sum = null;
    for (NDArray t : terms.values()) {
      sum = sum == null ? t : sum.add(t);
    }
    return sum;
  }
}
