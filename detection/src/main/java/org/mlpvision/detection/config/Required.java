package org.mlpvision.detection.config;

import java.util.List;

/** Checks shared by the mmdet-style config records; failures name the JSON key. */
final class Required {
  private Required() {}

  /** {@code value}, or an error naming {@code key} when the key was absent. */
  static <T> T of(T value, String key) {
    if (value == null) {
      throw new IllegalArgumentException(key + " is required");
    }
    return value;
  }

  /** A list of exactly {@code n} numbers. */
  static List<Double> numbers(List<Double> value, int n, String key) {
    of(value, key);
    if (value.size() != n || value.stream().anyMatch(java.util.Objects::isNull)) {
      throw new IllegalArgumentException(key + " needs " + n + " numbers, got " + value);
    }
    return List.copyOf(value);
  }

  /** Float values of a list of numbers. */
  static float[] floats(List<Double> values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i).floatValue();
    }
    return out;
  }
}
