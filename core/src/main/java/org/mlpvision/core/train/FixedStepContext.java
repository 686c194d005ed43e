package org.mlpvision.core.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A {@link StepContext} for one forward outside a training run (tests, parity commands): a given
 * iteration and random generator, and the recorded scalars kept for the caller to read.
 */
public final class FixedStepContext implements StepContext {
  private final long iteration;
  private final Random random;
  private final Map<String, Double> scalars = new LinkedHashMap<>();

  /**
   * @param iteration the iteration to report
   * @param random the generator the task draws from
   */
  public FixedStepContext(long iteration, Random random) {
    this.iteration = iteration;
    this.random = random;
  }

  @Override
  public long iteration() {
    return iteration;
  }

  @Override
  public Random random() {
    return random;
  }

  @Override
  public void scalar(String name, double value) {
    scalars.put(name, value);
  }

  /** The scalars recorded so far, in recording order (the last value of each name). */
  public Map<String, Double> scalars() {
    return Collections.unmodifiableMap(scalars);
  }
}
