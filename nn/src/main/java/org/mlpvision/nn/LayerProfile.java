package org.mlpvision.nn;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wall time spent in each module class while active on the current thread (inclusive: a block's
 * time contains its children's). Meaningful where ops run eagerly (CPU); on a GPU the launches are
 * asynchronous. Used by the benchmark to say where the time goes.
 */
public final class LayerProfile implements AutoCloseable {
  private static final ThreadLocal<LayerProfile> ACTIVE = new ThreadLocal<>();
  private final Map<String, long[]> totals = new LinkedHashMap<>();

  private LayerProfile() {}

  /** Starts collecting on this thread until {@link #close()}. */
  public static LayerProfile start() {
    LayerProfile p = new LayerProfile();
    ACTIVE.set(p);
    return p;
  }

  static LayerProfile current() {
    return ACTIVE.get();
  }

  void add(String name, long nanos) {
    long[] t = totals.computeIfAbsent(name, k -> new long[2]);
    t[0] += nanos;
    t[1]++;
  }

  /** Layer class → {total nanoseconds, calls}. */
  public Map<String, long[]> totals() {
    return totals;
  }

  @Override
  public void close() {
    ACTIVE.remove();
  }
}
