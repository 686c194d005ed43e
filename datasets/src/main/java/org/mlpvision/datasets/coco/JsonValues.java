package org.mlpvision.datasets.coco;

import java.util.Arrays;
import org.mlpvision.datasets.json.JsonCursor;

/**
 * Tolerant readers for single JSON values. Each consumes the whole value, even a mistyped one, so
 * the cursor stays in step; a problem is recorded (first one wins) instead of thrown, which lets
 * the caller name the item's id, known only once its object is read. Malformed JSON still throws.
 */
final class JsonValues {
  private double[] buffer = new double[256];
  private String problemField;
  private String problem;

  /** Clears the recorded problem before a new item. */
  void reset() {
    problemField = null;
    problem = null;
  }

  /** Records a problem unless one is already recorded. */
  void fail(String field, String message) {
    if (problem == null) {
      problemField = field;
      problem = message;
    }
  }

  boolean failed() {
    return problem != null;
  }

  String problemField() {
    return problemField;
  }

  String problem() {
    return problem;
  }

  /** An integer value, or null (problem recorded) for anything else. */
  Long integer(JsonCursor c, String field) {
    if (c.kind() == JsonCursor.Kind.NUMBER) {
      c.readNumber();
      if (!c.wasInteger()) {
        fail(field, "expected an integer, got " + c.numberText());
        return null;
      }
      if (!c.longInRange()) {
        fail(field, "integer out of range: " + c.numberText());
        return null;
      }
      return c.longValue();
    }
    fail(field, "expected an integer, got " + c.describeValue());
    return null;
  }

  /** A number (NaN and infinities are passed through for the caller to reject), or null. */
  Double number(JsonCursor c, String field) {
    if (c.kind() == JsonCursor.Kind.NUMBER) {
      return c.readNumber();
    }
    fail(field, "expected a number, got " + c.describeValue());
    return null;
  }

  /** A string value, or null. */
  String text(JsonCursor c, String field) {
    if (c.kind() == JsonCursor.Kind.STRING) {
      return c.readString();
    }
    fail(field, "expected a string, got " + c.describeValue());
    return null;
  }

  /** An array of numbers, or null; the whole array is consumed either way. */
  double[] numbers(JsonCursor c, String field) {
    if (c.kind() != JsonCursor.Kind.ARRAY) {
      fail(field, "expected an array of numbers, got " + c.describeValue());
      return null;
    }
    c.enterArray();
    int n = 0;
    boolean ok = true;
    while (c.nextElement()) {
      if (c.kind() == JsonCursor.Kind.NUMBER) {
        if (n == buffer.length) {
          buffer = Arrays.copyOf(buffer, n * 2);
        }
        buffer[n++] = c.readNumber();
      } else {
        String got = c.describeValue();
        if (ok) {
          fail(field + "[" + n + "]", "expected a number, got " + got);
        }
        ok = false;
      }
    }
    return ok ? Arrays.copyOf(buffer, n) : null;
  }
}
