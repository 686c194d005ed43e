package org.mlpvision.core.memory;

import com.sun.jna.Function;
import com.sun.jna.Platform;

/**
 * Hands the C library allocator's free pages back to the system (glibc's {@code malloc_trim}; on
 * other C libraries nothing happens).
 *
 * <p>libtorch allocates CPU tensors with malloc. A detection step's tensors change size from step
 * to step (proposals, sampled RoIs, positives, RoIAlign's sampling matrices), so freed chunks in
 * glibc's arenas rarely fit the next step's requests and stay resident: the narrow Cascade Mask
 * R-CNN recipe went from 975 MB at iteration 100 to 1,963 MB at 600. Trimming every logging period
 * costs nothing measurable and lowers the resident size; fixing glibc's mmap threshold at 256 KB
 * kept the arenas flat but made every large tensor a fresh mapping, and the page faults made the
 * demo 1.5x slower ({@code detection/README.md} has the numbers), so the threshold stays glibc's.
 */
public final class NativeAllocator {
  private NativeAllocator() {}

  /**
   * Returns the free pages of every arena to the system ({@code malloc_trim(0)}, which also
   * releases whole free pages inside the arenas, not only at their tops).
   *
   * @return whether memory was returned (false on other C libraries)
   */
  public static boolean trim() {
    if (!Platform.isLinux()) {
      return false;
    }
    try {
      return Function.getFunction("c", "malloc_trim").invokeInt(new Object[] {0}) == 1;
    } catch (UnsatisfiedLinkError e) {
      // A C library without malloc_trim (musl): nothing to hand back this way.
      return false;
    }
  }
}
