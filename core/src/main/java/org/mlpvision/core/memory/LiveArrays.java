package org.mlpvision.core.memory;

import ai.djl.ndarray.NDManager;

/**
 * The number of NDArrays alive in the process: every array attached to any manager of the default
 * engine (the engine's system manager holds every base manager, and each manager its sub-managers).
 * Between two iterations of a scoped loop this is what outlives the iteration: parameters,
 * optimizer state and whatever a component keeps. It must not grow from one iteration to the next;
 * unlike the RSS, it does not depend on the native allocator or the garbage collector, so a test
 * can require it to be exactly constant.
 */
public final class LiveArrays {
  private LiveArrays() {}

  /** Arrays attached to any manager right now. */
  public static int count() {
    try (NDManager probe = NDManager.newBaseManager()) {
      return probe.getParentManager().getManagedArrays().size();
    }
  }
}
