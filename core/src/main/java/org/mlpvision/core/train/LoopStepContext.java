package org.mlpvision.core.train;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.mlpvision.core.random.Seeds;

/**
 * The {@link StepContext} the loop gives one {@link TrainTask#losses} call: its random stream is
 * seeded from (run seed, iteration, micro-batch, part) alone.
 */
final class LoopStepContext implements StepContext {
  /** The stream of task randomness, distinct from the engine's. */
  static final long STREAM = 2;

  private final long iteration;
  private final long seed;
  private final Map<String, Double> scalars = new LinkedHashMap<>();
  private Random random;

  LoopStepContext(long runSeed, long iteration, int microBatch, int part) {
    this.iteration = iteration;
    this.seed = Seeds.mix(Seeds.mix(runSeed, STREAM, iteration), microBatch, part);
  }

  @Override
  public long iteration() {
    return iteration;
  }

  @Override
  public Random random() {
    if (random == null) {
      random = new Random(seed);
    }
    return random;
  }

  @Override
  public void scalar(String name, double value) {
    scalars.put(name, value);
  }

  /** The recorded scalars in recording order. */
  Map<String, Double> scalars() {
    return scalars;
  }
}
