package org.mlpvision.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The allocator is trimmed at the logging iterations and at the last one, not in between. */
class AllocatorTrimHookTest {
  @Test
  void trimsEveryPeriodAndAtTheEndOfTheRun() {
    TrainState state = new TrainState(null, null, null, null, null, null, null, 0, 45);
    List<Long> trimmedAt = new ArrayList<>();
    AllocatorTrimHook hook = new AllocatorTrimHook(20, () -> trimmedAt.add(state.iteration()));
    for (long it = 1; it <= 45; it++) {
      state.advance(new StepResult(it, 0.1, Map.of(), Map.of(), 0, 1));
      hook.afterStep(state);
    }
    assertThat(trimmedAt).containsExactly(20L, 40L, 45L);
  }
}
