package org.mlpvision.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import org.junit.jupiter.api.Test;

/** Trimming returns free arena pages to the system. */
class NativeAllocatorTest {
  private static boolean glibc() {
    try {
      Function.getFunction("c", "malloc_trim");
      return Platform.isLinux();
    } catch (UnsatisfiedLinkError e) {
      return false;
    }
  }

  @Test
  void trimHandsFreedSmallChunksBackToTheSystem() {
    assumeTrue(glibc(), "glibc only");
    // 64 MB in 4 KB chunks come from an arena; freeing all but the last leaves the pages resident
    // (glibc trims an arena by itself only from its top, which the last chunk pins).
    int n = 16_384;
    long[] blocks = new long[n];
    for (int i = 0; i < n; i++) {
      blocks[i] = Native.malloc(4096);
      new Pointer(blocks[i]).setMemory(0, 4096, (byte) 1);
    }
    for (int i = 0; i < n - 1; i++) {
      Native.free(blocks[i]);
    }
    long before = ProcessMemory.rssBytes();
    assertThat(NativeAllocator.trim()).isTrue();
    long after = ProcessMemory.rssBytes();
    Native.free(blocks[n - 1]);
    assertThat(before - after).isGreaterThan(32L << 20);
  }
}
