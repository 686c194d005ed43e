package org.mlpvision.core.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessMemoryTest {
  private static final int SIZE = 32 << 20;

  @TempDir Path dir;

  @Test
  void rssCountsResidentPagesOnlyNotMappedOnes() throws IOException {
    Path file = dir.resolve("pages.bin");
    Files.write(file, new byte[SIZE]);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long before = ProcessMemory.rssBytes();
      MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, SIZE);
      // Mapped but not touched: virtual size grows by 32 MB, the resident set does not.
      long mapped = ProcessMemory.rssBytes();
      long sum = 0;
      for (int i = 0; i < SIZE; i += 4096) {
        sum += map.get(i);
      }
      long touched = ProcessMemory.rssBytes();
      assertThat(sum).isZero();
      assertThat(before).isGreaterThan(0);
      assertThat(mapped - before).as("growth when only mapped").isLessThan(12L << 20);
      assertThat(touched - mapped).as("growth when every page is read").isGreaterThan(24L << 20);
    }
  }
}
