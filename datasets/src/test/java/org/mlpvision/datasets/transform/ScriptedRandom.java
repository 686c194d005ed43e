package org.mlpvision.datasets.transform;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * A {@link Random} that returns scripted values and logs every call, to pin which random choices a
 * transform makes and in which order. Running out of script is an error.
 */
final class ScriptedRandom extends Random {
  private final Deque<Object> script = new ArrayDeque<>();
  private final List<String> calls = new ArrayList<>();

  /** Queues values: Double for nextDouble, Integer for nextInt, Boolean for nextBoolean. */
  ScriptedRandom then(Object... values) {
    for (Object v : values) {
      script.add(v);
    }
    return this;
  }

  List<String> calls() {
    return calls;
  }

  boolean exhausted() {
    return script.isEmpty();
  }

  private <T> T next(Class<T> type, String call) {
    calls.add(call);
    Object v = script.poll();
    if (!type.isInstance(v)) {
      throw new IllegalStateException("call " + calls.size() + " was " + call + ", scripted " + v);
    }
    return type.cast(v);
  }

  @Override
  public double nextDouble() {
    return next(Double.class, "nextDouble");
  }

  @Override
  public int nextInt(int bound) {
    int v = next(Integer.class, "nextInt(" + bound + ")");
    if (v < 0 || v >= bound) {
      throw new IllegalStateException("scripted " + v + " outside [0, " + bound + ")");
    }
    return v;
  }

  @Override
  public boolean nextBoolean() {
    return next(Boolean.class, "nextBoolean");
  }
}
