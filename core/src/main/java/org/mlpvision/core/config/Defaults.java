package org.mlpvision.core.config;

import java.util.List;

/**
 * Helpers for config records' compact constructors: an absent JSON key binds to {@code null}, and
 * the record replaces it with its pinned default.
 */
public final class Defaults {
  private Defaults() {}

  /** {@code value}, or {@code fallback} when the key was absent. */
  public static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }

  /** An immutable copy of {@code value}, or {@code fallback} when absent. */
  public static <T> List<T> list(List<T> value, List<T> fallback) {
    return List.copyOf(value == null ? fallback : value);
  }
}
