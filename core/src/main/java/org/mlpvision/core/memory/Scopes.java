package org.mlpvision.core.memory;

import ai.djl.ndarray.NDManager;
import java.util.function.Function;

/**
 * Scoped native memory for loops. Every iteration of a training or evaluation loop gets its own
 * sub-manager of a long-lived parent, closed when the iteration ends, so that activations, gradient
 * wrappers and temporaries never pile up (native memory stays flat).
 */
public final class Scopes {
  private Scopes() {}

  /** One iteration's work; everything it allocates in {@code scope} is freed afterwards. */
  @FunctionalInterface
  public interface Iteration {
    /**
     * @param scope the iteration's manager
     * @param index the iteration number, from 0
     * @return {@code false} to stop the loop early
     */
    boolean run(NDManager scope, long index) throws Exception;
  }

  /**
   * Runs {@code body} for {@code count} iterations, each in a fresh sub-manager of {@code parent}.
   *
   * @return the number of iterations that ran
   */
  public static long loop(NDManager parent, long count, Iteration body) throws Exception {
    long i = 0;
    for (; i < count; i++) {
      try (NDManager scope = parent.newSubManager()) {
        if (!body.run(scope, i)) {
          return i + 1;
        }
      }
    }
    return i;
  }

  /**
   * Runs {@code body} in a fresh sub-manager of {@code parent} and closes it. The result must not
   * hold NDArrays of the scope (return Java values, or attach arrays to a longer-lived manager).
   */
  public static <T> T run(NDManager parent, Function<NDManager, T> body) {
    try (NDManager scope = parent.newSubManager()) {
      return body.apply(scope);
    }
  }
}
