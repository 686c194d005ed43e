package org.mlpvision.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The fixed mmap threshold reaches glibc and keeps large blocks out of its arenas; trimming returns
 * free arena pages. The threshold test runs first: a free arena chunk large enough for its request
 * (as the trim test leaves) would serve it without a mapping.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NativeAllocatorTest {
  /** glibc's {@code struct mallinfo2}, of which only {@code hblkhd} (mapped bytes) is read. */
  @Structure.FieldOrder({
    "arena",
    "ordblks",
    "smblks",
    "hblks",
    "hblkhd",
    "usmblks",
    "fsmblks",
    "uordblks",
    "fordblks",
    "keepcost"
  })
  public static class MallInfo2 extends Structure implements Structure.ByValue {
    public long arena;
    public long ordblks;
    public long smblks;
    public long hblks;
    public long hblkhd;
    public long usmblks;
    public long fsmblks;
    public long uordblks;
    public long fordblks;
    public long keepcost;
  }

  private static long mappedBytes() {
    Function f = Function.getFunction("c", "mallinfo2");
    return ((MallInfo2) f.invoke(MallInfo2.class, new Object[0])).hblkhd;
  }

  private static boolean glibc() {
    try {
      Function.getFunction("c", "mallinfo2");
      return Platform.isLinux();
    } catch (UnsatisfiedLinkError e) {
      return false;
    }
  }

  @Test
  @Order(1)
  void aMegabyteIsMappedEvenAfterALargerBlockWasFreed() {
    assumeTrue(glibc(), "glibc only");
    assumeTrue(System.getenv(NativeAllocator.ENV) == null, "threshold set by the environment");
    assertThat(NativeAllocator.configure()).isTrue();
    // With glibc's adaptive threshold, freeing 16 MB raises it to 16 MB: the megabyte below would
    // then come from an arena.
    Native.free(Native.malloc(16 << 20));
    long before = mappedBytes();
    long block = Native.malloc(1 << 20);
    long during = mappedBytes();
    Native.free(block);
    assertThat(during - before).isGreaterThanOrEqualTo(1 << 20);
  }

  @Test
  @Order(2)
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
