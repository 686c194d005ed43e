package org.mlpvision.core.memory;

import com.sun.jna.Function;
import com.sun.jna.Platform;

/**
 * Settings of the C library's allocator (glibc's malloc, which libtorch allocates CPU tensors with)
 * for long runs; where the C library is not glibc, nothing changes.
 *
 * <p>glibc serves a request of at least its mmap threshold with a mapping of its own, unmapped when
 * freed, and smaller ones from its arenas, which keep freed chunks for later requests. By default
 * the threshold adapts: freeing a mapped chunk raises it to that chunk's size (up to 32 MB), so
 * after the first steps every activation is carved from an arena. A detection step's tensors change
 * size from step to step (proposals, sampled RoIs, positives, RoIAlign's sampling matrices), freed
 * chunks rarely fit the next step's requests, and the arena grew without bound: the narrow Cascade
 * Mask R-CNN recipe went from 975 MB at iteration 100 to 1963 MB at 600 while the memory in use
 * stayed flat. A fixed threshold keeps the large tensors out of the arenas and stops the
 * adaptation; {@code detection/README.md} has the measurements. What still fragments below the
 * threshold, {@link #trim()} hands back to the system between steps.
 */
public final class NativeAllocator {
  /** Requests of this size or more get a mapping of their own. */
  public static final int MMAP_THRESHOLD_BYTES = 256 << 10;

  /** The environment variable with which glibc users set the threshold themselves. */
  static final String ENV = "MALLOC_MMAP_THRESHOLD_";

  /** glibc's {@code M_MMAP_THRESHOLD} parameter of {@code mallopt}. */
  private static final int M_MMAP_THRESHOLD = -3;

  private NativeAllocator() {}

  /**
   * Fixes glibc's mmap threshold at {@link #MMAP_THRESHOLD_BYTES} for this process, unless {@code
   * MALLOC_MMAP_THRESHOLD_} already set it. Call once at start-up, before large allocations.
   *
   * @return whether the threshold was set (false on other C libraries or when the environment set
   *     it)
   */
  public static boolean configure() {
    if (!Platform.isLinux() || System.getenv(ENV) != null) {
      return false;
    }
    return call("mallopt", M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES);
  }

  /**
   * Returns the free pages of every arena to the system ({@code malloc_trim(0)}, which also
   * releases whole free pages inside the arenas, not only at their tops). Cheap next to a training
   * step; the {@code TrainLoop} calls it every logging period so that chunks freed by one step's
   * tensors do not stay resident until a later step happens to reuse them.
   *
   * @return whether memory was returned (false on other C libraries)
   */
  public static boolean trim() {
    return Platform.isLinux() && call("malloc_trim", 0);
  }

  private static boolean call(String function, Object... args) {
    try {
      return Function.getFunction("c", function).invokeInt(args) == 1;
    } catch (UnsatisfiedLinkError e) {
      // A C library without it: its defaults stay.
      return false;
    }
  }
}
