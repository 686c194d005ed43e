package org.mlpvision.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class LrScheduleTest {
  private static ScheduleConfig schedule(String policy, int warmup, List<Integer> steps) {
    return new ScheduleConfig(policy, warmup, 0.001, steps, 0.1, 1.0, 0.0);
  }

  @Test
  void linearWarmupStartsAtRatioAndReachesTheRegularRate() {
    LrSchedule s = new LrSchedule(schedule("constant", 500, List.of()), 1e-4, 10_000);
    assertThat(s.at(0)).isCloseTo(1e-7, within(1e-15));
    // mmcv: regular * (1 - (1 - 250/500) * (1 - 0.001))
    assertThat(s.at(250)).isCloseTo(1e-4 * (1 - 0.5 * 0.999), within(1e-15));
    assertThat(s.at(500)).isEqualTo(1e-4);
    assertThat(s.at(9_999)).isEqualTo(1e-4);
  }

  @Test
  void stepPolicyMultipliesByGammaAtEachMilestone() {
    LrSchedule s = new LrSchedule(schedule("step", 0, List.of(27, 33)), 1e-4, 36);
    assertThat(s.at(26)).isEqualTo(1e-4);
    assertThat(s.at(27)).isCloseTo(1e-5, within(1e-18));
    assertThat(s.at(32)).isCloseTo(1e-5, within(1e-18));
    assertThat(s.at(33)).isCloseTo(1e-6, within(1e-18));
  }

  @Test
  void warmupScalesTheDecayedRateNotTheBaseRate() {
    LrSchedule s = new LrSchedule(schedule("step", 10, List.of(5)), 1.0, 100);
    // regular at 5 is 0.1; warm-up factor 1 - (1 - 5/10)(1 - 0.001) = 0.5005
    assertThat(s.at(5)).isCloseTo(0.1 * 0.5005, within(1e-12));
  }

  @Test
  void cosineFallsFromBaseToMinimum() {
    ScheduleConfig c = new ScheduleConfig("cosine", 0, null, null, null, null, 1e-5);
    LrSchedule s = new LrSchedule(c, 1e-3, 1000);
    assertThat(s.at(0)).isCloseTo(1e-3, within(1e-15));
    assertThat(s.at(500)).isCloseTo(1e-5 + (1e-3 - 1e-5) * 0.5, within(1e-15));
    assertThat(s.at(250))
        .isCloseTo(1e-5 + (1e-3 - 1e-5) * 0.5 * (1 + Math.sqrt(0.5)), within(1e-12));
    assertThat(s.at(1000)).isCloseTo(1e-5, within(1e-15));
  }

  @Test
  void polyWithPowerOneIsLinearToMinimum() {
    ScheduleConfig c = new ScheduleConfig("poly", 1500, 1e-6, null, null, 1.0, 0.0);
    LrSchedule s = new LrSchedule(c, 6e-5, 160_000);
    assertThat(s.at(80_000)).isCloseTo(3e-5, within(1e-15));
    assertThat(s.at(160_000)).isCloseTo(0.0, within(1e-18));
    ScheduleConfig squared = new ScheduleConfig("poly", 0, null, null, null, 2.0, 1e-4);
    assertThat(new LrSchedule(squared, 1e-2, 100).at(50))
        .isCloseTo((1e-2 - 1e-4) * 0.25 + 1e-4, within(1e-15));
  }
}
