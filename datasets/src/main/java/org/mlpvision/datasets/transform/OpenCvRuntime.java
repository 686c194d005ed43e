package org.mlpvision.datasets.transform;

/** Loads OpenCV's native library once per process (extracted from the openpnp jar, offline). */
public final class OpenCvRuntime {
  private static volatile boolean loaded;

  private OpenCvRuntime() {}

  /** Loads the natives if they are not loaded yet; cheap after the first call. */
  public static void ensureLoaded() {
    if (!loaded) {
      synchronized (OpenCvRuntime.class) {
        if (!loaded) {
          nu.pattern.OpenCV.loadLocally();
          loaded = true;
        }
      }
    }
  }
}
