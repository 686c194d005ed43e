package org.mlpvision.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a {@code main} class of the test class path in a new JVM with the engine settings of this
 * one (offline DJL, PyTorch thread counts): the subprocess of the kill-and-resume tests.
 */
public final class JavaProcesses {
  private JavaProcesses() {}

  /**
   * @param main the class whose {@code main} runs
   * @param heap the {@code -Xmx} value, e.g. {@code 1g}
   * @param log where standard output and error go
   * @param args the program arguments
   */
  public static Process start(Class<?> main, String heap, Path log, String... args)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + heap);
    for (String key :
        List.of(
            "ai.djl.offline", "ai.djl.pytorch.num_threads", "ai.djl.pytorch.num_interop_threads")) {
      String v = System.getProperty(key);
      if (v != null) {
        cmd.add("-D" + key + "=" + v);
      }
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(main.getName());
    cmd.addAll(List.of(args));
    Files.createDirectories(log.toAbsolutePath().getParent());
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }
}
