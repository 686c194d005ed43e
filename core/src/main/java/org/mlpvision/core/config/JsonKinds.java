package org.mlpvision.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;

/** Config error wording in JSON terms: what a key expects and what the file holds instead. */
final class JsonKinds {
  /** Longer values are cut, so one error stays one line. */
  private static final int MAX_VALUE_CHARS = 60;

  private JsonKinds() {}

  /** The JSON form a Java target type binds from, e.g. "an integer" for {@code Integer}. */
  static String expected(Class<?> type) {
    if (type == Integer.class
        || type == int.class
        || type == Long.class
        || type == long.class
        || type == Short.class
        || type == short.class
        || type == BigInteger.class) {
      return "an integer";
    }
    if (type == Double.class
        || type == double.class
        || type == Float.class
        || type == float.class
        || type == BigDecimal.class
        || type == Number.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class || type == Character.class || type == char.class) {
      return "a string";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    if (type.isEnum()) {
      return "one of " + Arrays.toString(type.getEnumConstants());
    }
    return "an object";
  }

  /** The JSON kind and value of {@code node}, e.g. {@code the string "abc"}. */
  static String of(JsonNode node) {
    String text = node.toString();
    if (text.length() > MAX_VALUE_CHARS) {
      text = text.substring(0, MAX_VALUE_CHARS) + "...";
    }
    if (node.isTextual()) {
      return "the string " + text;
    }
    if (node.isNumber()) {
      return "the number " + text;
    }
    if (node.isBoolean()) {
      return "the value " + text;
    }
    if (node.isNull()) {
      return "null";
    }
    return (node.isArray() ? "an array " : "an object ") + text;
  }
}
