package org.mlpvision.datasets.coco;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;

/**
 * Tolerant readers for single JSON values on a streaming parser. Each consumes the whole value,
 * even a mistyped one, so the stream stays in step; a problem is recorded (first one wins) instead
 * of thrown, which lets the caller name the item's id, known only once its object is read.
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

  /** Skips the current value (scalar or container). */
  static void skip(JsonParser p) throws IOException {
    p.skipChildren();
  }

  /** An integer value, or null (problem recorded) for anything else. */
  Long integer(JsonParser p, String field) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NUMBER_INT) {
      try {
        return p.getLongValue();
      } catch (IOException e) {
        fail(field, "integer out of range: " + p.getText());
        return null;
      }
    }
    fail(field, "expected an integer, got " + describe(p));
    skip(p);
    return null;
  }

  /** A number (NaN and infinities are passed through for the caller to reject), or null. */
  Double number(JsonParser p, String field) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      return p.getDoubleValue();
    }
    fail(field, "expected a number, got " + describe(p));
    skip(p);
    return null;
  }

  /** A string value, or null. */
  String text(JsonParser p, String field) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    fail(field, "expected a string, got " + describe(p));
    skip(p);
    return null;
  }

  /** An array of numbers, or null; the whole array is consumed either way. */
  double[] numbers(JsonParser p, String field) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      fail(field, "expected an array of numbers, got " + describe(p));
      skip(p);
      return null;
    }
    int n = 0;
    boolean ok = true;
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
        if (n == buffer.length) {
          buffer = Arrays.copyOf(buffer, n * 2);
        }
        buffer[n++] = p.getDoubleValue();
      } else {
        if (ok) {
          fail(field + "[" + n + "]", "expected a number, got " + describe(p));
        }
        ok = false;
        skip(p);
      }
    }
    return ok ? Arrays.copyOf(buffer, n) : null;
  }

  static String describe(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == null) {
      return "end of input";
    }
    return switch (t) {
      case START_ARRAY -> "an array";
      case START_OBJECT -> "an object";
      case VALUE_STRING -> "string \"" + abbreviate(p.getText()) + "\"";
      case VALUE_NULL -> "null";
      case VALUE_TRUE, VALUE_FALSE -> "boolean " + p.getText();
      default -> p.getText();
    };
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
