package org.mlpvision.core.device;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.Utils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the running process has: engine name and version, where its native library was loaded from,
 * the devices it sees, thread settings and the Java runtime (like mmdet's {@code collect_env}).
 */
public final class EngineReport {
  private EngineReport() {}

  /** Collects the report; loads the engine if it is not loaded yet. */
  public static Map<String, Object> collect() {
    Engine engine = Engine.getInstance();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("engine", engine.getEngineName());
    r.put("engine_version", engine.getVersion());
    r.put("djl_version", Engine.getDjlVersion());
    r.put("native_library", nativeLibraryLocation());
    r.put("pytorch_flavor", Utils.getEnvOrSystemProperty("PYTORCH_FLAVOR", "(default)"));
    r.put("offline", Utils.getEnvOrSystemProperty("ai.djl.offline", "false"));
    int gpus = engine.getGpuCount();
    r.put("gpu_count", gpus);
    List<String> devices = Arrays.stream(engine.getDevices()).map(Device::toString).toList();
    r.put("devices", devices);
    r.put("default_device", engine.defaultDevice().toString());
    ThreadSettings t = ThreadSettings.current();
    r.put("intra_op_threads", t.intraOp() == 0 ? "default" : Integer.toString(t.intraOp()));
    r.put("inter_op_threads", t.interOp() == 0 ? "default" : Integer.toString(t.interOp()));
    r.put("available_processors", Runtime.getRuntime().availableProcessors());
    r.put("java_version", System.getProperty("java.version"));
    r.put(
        "java_vm",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
    r.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    return r;
  }

  /**
   * The folder libtorch was loaded from: {@code PYTORCH_LIBRARY_PATH} when set, else the DJL cache
   * folder that holds the extracted {@code libtorch*.so}.
   */
  static String nativeLibraryLocation() {
    String explicit = Utils.getEnvOrSystemProperty("PYTORCH_LIBRARY_PATH");
    if (explicit != null) {
      return explicit;
    }
    Path cache = Utils.getEngineCacheDir("pytorch");
    if (!Files.isDirectory(cache)) {
      return cache.toString();
    }
    try (Stream<Path> s = Files.list(cache)) {
      return s.filter(
              p ->
                  Files.exists(p.resolve("libtorch.so"))
                      || Files.exists(p.resolve("libtorch_cpu.so")))
          .map(Path::toString)
          .sorted()
          .reduce((a, b) -> a + ", " + b)
          .orElse(cache.toString());
    } catch (java.io.IOException e) {
      return cache.toString();
    }
  }
}
