package org.mlpvision.core.train;

import java.util.List;
import org.mlpvision.core.config.Defaults;
import org.mlpvision.core.config.OneOf;
import org.mlpvision.core.config.Range;

/**
 * Learning-rate schedule by iteration (the {@code train.schedule} section), with mmcv's formulas.
 *
 * @param policy {@code constant}, {@code step}, {@code cosine} or {@code poly} (default cosine)
 * @param warmupIters linear warm-up length in iterations (default 0)
 * @param warmupRatio the warm-up starts at {@code ratio * lr} (default 0.001)
 * @param steps iterations at which {@code step} multiplies by {@code gamma} (default none)
 * @param gamma step factor (default 0.1)
 * @param power poly exponent (default 1.0)
 * @param minLr final learning rate of {@code cosine} and {@code poly} (default 0)
 */
public record ScheduleConfig(
    @OneOf({"constant", "step", "cosine", "poly"}) String policy,
    @Range(min = 0) Integer warmupIters,
    @Range(min = 0, max = 1) Double warmupRatio,
    @Range(min = 0) List<Integer> steps,
    @Range(min = 0, max = 1) Double gamma,
    @Range(min = 0, max = 100) Double power,
    @Range(min = 0) Double minLr) {

  /** Fills the pinned defaults. */
  public ScheduleConfig {
    policy = Defaults.or(policy, "cosine");
    warmupIters = Defaults.or(warmupIters, 0);
    warmupRatio = Defaults.or(warmupRatio, 0.001);
    steps = Defaults.list(steps, List.of());
    gamma = Defaults.or(gamma, 0.1);
    power = Defaults.or(power, 1.0);
    minLr = Defaults.or(minLr, 0.0);
  }

  /** All defaults. */
  public static ScheduleConfig defaults() {
    return new ScheduleConfig(null, null, null, null, null, null, null);
  }
}
