package org.mlpvision.core.train;

import org.mlpvision.core.memory.NativeAllocator;

/**
 * Hands the C allocator's free pages back to the system every {@code every} iterations ({@link
 * NativeAllocator#trim()}), so that a long run's resident size follows the memory it uses: a
 * detection step's tensors change size from step to step and leave free chunks behind that glibc
 * keeps resident. Registered before the {@link MetricsHook}, whose {@code rss_mb} it makes
 * meaningful.
 */
final class AllocatorTrimHook implements TrainHook {
  private final int every;

  AllocatorTrimHook(int every) {
    this.every = every;
  }

  @Override
  public void afterStep(TrainState state) {
    if (state.due(every)) {
      NativeAllocator.trim();
    }
  }
}
