package org.mlpvision.core.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident set size of this process, read from {@code /proc/self/status} (Linux). */
public final class ProcessMemory {
  private ProcessMemory() {}

  /** The current RSS in bytes, or -1 where {@code /proc} is not available. */
  public static long rssBytes() {
    return statusBytes("VmRSS:");
  }

  /** The peak RSS of the process so far in bytes ({@code VmHWM}), or -1 without {@code /proc}. */
  public static long peakRssBytes() {
    return statusBytes("VmHWM:");
  }

  private static long statusBytes(String field) {
    Path status = Path.of("/proc/self/status");
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith(field)) {
          String kb = line.substring(field.length()).trim().split("\\s+")[0];
          return Long.parseLong(kb) * 1024L;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
