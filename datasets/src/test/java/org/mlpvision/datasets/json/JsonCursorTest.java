package org.mlpvision.datasets.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonCursorTest {
  private static final JsonFactory JACKSON =
      JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  static JsonCursor cursor(String json) {
    try {
      return JsonDocument.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))
          .cursor();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void numbersGiveTheBitsOfDoubleParseDouble() {
    Random r = new Random(5);
    String[] fixed = {
      "0",
      "-0.0",
      "0.1",
      "1e-300",
      "5e-324",
      "1.7976931348623157e308",
      "2.2250738585072014E-308",
      "123456789012345678901234",
      "9007199254740993",
      "0.30000000000000004",
      "1E22",
      "1e23",
      "4.35",
      "-12.5e-3",
      "100000000000000000000000000000000.5"
    };
    for (String text : fixed) {
      assertSameBits(text);
    }
    for (int i = 0; i < 5000; i++) {
      double v = r.nextDouble() * Math.pow(10, r.nextInt(40) - 20);
      String text =
          switch (i % 5) {
            case 0 -> String.format(Locale.ROOT, "%.2f", v);
            case 1 -> String.format(Locale.ROOT, "%.17g", v);
            case 2 -> String.format(Locale.ROOT, "%.3e", v);
            case 3 -> Long.toString(r.nextLong() >> r.nextInt(64));
            default -> Double.toString(-v);
          };
      assertSameBits(text);
    }
  }

  private static void assertSameBits(String text) {
    JsonCursor c = cursor(text);
    double got = c.readNumber();
    assertThat(Double.doubleToRawLongBits(got))
        .as(text)
        .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
    assertThat(c.atEnd()).isTrue();
  }

  @Test
  void integerTokensGiveTheirLongAndMinusZeroIsZero() {
    JsonCursor c =
        cursor("[-0, 9223372036854775807, -9223372036854775808, 9223372036854775808, 2.0]");
    c.enterArray();
    c.nextElement();
    assertThat(Double.doubleToRawLongBits(c.readNumber())).isZero();
    assertThat(c.wasInteger()).isTrue();
    c.nextElement();
    c.readNumber();
    assertThat(c.longValue()).isEqualTo(Long.MAX_VALUE);
    c.nextElement();
    c.readNumber();
    assertThat(c.longValue()).isEqualTo(Long.MIN_VALUE);
    c.nextElement();
    assertThat(c.readNumber()).isEqualTo(9.223372036854775808e18);
    assertThat(c.wasInteger()).isTrue();
    assertThat(c.longInRange()).isFalse();
    c.nextElement();
    c.readNumber();
    assertThat(c.wasInteger()).isFalse();
    assertThat(c.numberText()).isEqualTo("2.0");
  }

  @Test
  void pythonNonNumbersAreRead() {
    JsonCursor c = cursor("[NaN, Infinity, -Infinity]");
    c.enterArray();
    c.nextElement();
    assertThat(c.readNumber()).isNaN();
    c.nextElement();
    assertThat(c.readNumber()).isEqualTo(Double.POSITIVE_INFINITY);
    c.nextElement();
    assertThat(c.readNumber()).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void stringsResolveEveryEscape() {
    String json = "\"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\ud83d\\ude00 \u20ac\"";
    assertThat(cursor(json).readString()).isEqualTo("a\"b\\c/d\n\té\ud83d\ude00 \u20ac");
    String longer = "\"" + "x".repeat(300) + "\\\\" + "y".repeat(300) + "\"";
    assertThat(cursor(longer).readString()).isEqualTo("x".repeat(300) + "\\" + "y".repeat(300));
  }

  @Test
  void fieldsMatchByNameWithOrWithoutEscapes() {
    byte[][] names = JsonCursor.names("id", "bbox");
    JsonCursor c = cursor("{\"bbox\": 1, \"b\\u0062ox\": 2, \"other\": [1, {}], \"id\": 3}");
    c.enterObject();
    assertThat(c.nextField(names)).isEqualTo(1);
    c.readNumber();
    assertThat(c.nextField(names)).isEqualTo(1);
    c.readNumber();
    assertThat(c.nextField(names)).isEqualTo(JsonCursor.OTHER);
    c.skipValue();
    assertThat(c.nextField(names)).isZero();
    assertThat(c.readNumber()).isEqualTo(3.0);
    assertThat(c.nextField(names)).isEqualTo(JsonCursor.END);
    assertThat(c.atEnd()).isTrue();
  }

  @Test
  void describeValueNamesWhatWasFound() {
    JsonCursor c = cursor("[\"" + "z".repeat(50) + "\", {\"a\":[]}, [1], null, true, 1.50]");
    c.enterArray();
    StringBuilder s = new StringBuilder();
    while (c.nextElement()) {
      s.append(c.describeValue()).append('|');
    }
    assertThat(s.toString())
        .isEqualTo(
            "string \"" + "z".repeat(40) + "...\"|an object|an array|null|boolean true|1.50|");
  }

  @Test
  void syntaxErrorsCarryTheirPosition() {
    JsonSyntaxException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            JsonSyntaxException.class, () -> cursor("[1,\n 2,]").skipValue());
    assertThat(e.position()).isEqualTo(7);
    assertThat(e.getMessage()).contains("']'");
    assertThatThrownBy(() -> cursor("\"a\u0001\"").readString()).hasMessageContaining("control");
    assertThatThrownBy(() -> cursor("[".repeat(1001) + "]".repeat(1001)).skipValue())
        .hasMessageContaining("nesting");
  }

  /**
   * Differential test against Jackson: random documents, then random edits; the cursor accepts a
   * document exactly when Jackson does.
   */
  @Test
  void acceptsExactlyWhatJacksonAccepts() {
    Random r = new Random(17);
    String[] tokens = {
      "{",
      "}",
      "[",
      "]",
      ",",
      ":",
      "\"",
      "\\",
      "1",
      "-",
      ".",
      "e",
      "NaN",
      "n",
      "tru",
      "\"},{\"",
      " ",
      "0",
      "-Infinity",
      "\\u00",
      "1e5",
      "null"
    };
    int accepted = 0;
    for (int t = 0; t < 3000; t++) {
      StringBuilder s = new StringBuilder(randomValue(r, 0));
      int edits = r.nextInt(3);
      for (int e = 0; e < edits && s.length() > 0; e++) {
        int pos = r.nextInt(s.length());
        switch (r.nextInt(3)) {
          case 0 -> s.insert(pos, tokens[r.nextInt(tokens.length)]);
          case 1 -> s.deleteCharAt(pos);
          default -> s.setCharAt(pos, tokens[r.nextInt(tokens.length)].charAt(0));
        }
      }
      String doc = s.toString();
      boolean ours = oursAccepts(doc);
      assertThat(ours).as(doc).isEqualTo(jacksonAccepts(doc));
      accepted += ours ? 1 : 0;
    }
    assertThat(accepted).isBetween(500, 2800);
  }

  private static boolean oursAccepts(String doc) {
    try {
      JsonCursor c = cursor(doc);
      c.skipValue();
      return c.atEnd();
    } catch (JsonSyntaxException e) {
      return false;
    }
  }

  private static boolean jacksonAccepts(String doc) {
    try (JsonParser p = JACKSON.createParser(doc.getBytes(StandardCharsets.UTF_8))) {
      if (p.nextToken() == null) {
        return false;
      }
      p.skipChildren();
      return p.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }

  private static String randomValue(Random r, int depth) {
    int kind = depth > 3 ? 2 + r.nextInt(4) : r.nextInt(6);
    switch (kind) {
      case 0 -> {
        StringBuilder s = new StringBuilder("{");
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          s.append(i > 0 ? "," : "").append("\"k").append(i).append("\":");
          s.append(randomValue(r, depth + 1));
        }
        return s.append('}').toString();
      }
      case 1 -> {
        StringBuilder s = new StringBuilder("[ ");
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          s.append(i > 0 ? ", " : "").append(randomValue(r, depth + 1));
        }
        return s.append(']').toString();
      }
      case 2 -> {
        return "\"a},{b\\\"\\\\\\u0041" + "xyz".repeat(r.nextInt(5)) + "\"";
      }
      case 3 -> {
        return String.format(Locale.ROOT, "%.3e", r.nextGaussian() * 1e3);
      }
      case 4 -> {
        return Integer.toString(r.nextInt(2000) - 1000);
      }
      default -> {
        return r.nextBoolean() ? "true" : "null";
      }
    }
  }
}
