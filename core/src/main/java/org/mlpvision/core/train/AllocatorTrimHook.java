package org.mlpvision.core.train;

import org.mlpvision.core.memory.NativeAllocator;

/**
 * Hands the C allocator's free pages back to the system every {@code every} iterations ({@link
 * NativeAllocator#trim()}): a detection step's tensors change size from step to step and leave free
 * chunks behind that glibc keeps resident. Registered after the {@link MetricsHook}, so that its
 * {@code rss_mb} is the resident size before trimming, what a monitor sees most of the time.
 */
final class AllocatorTrimHook implements TrainHook {
  private final int every;
  private final Runnable trim;

  AllocatorTrimHook(int every) {
    this(every, NativeAllocator::trim);
  }

  AllocatorTrimHook(int every, Runnable trim) {
    this.every = every;
    this.trim = trim;
  }

  @Override
  public void afterStep(TrainState state) {
    if (state.due(every)) {
      trim.run();
    }
  }
}
