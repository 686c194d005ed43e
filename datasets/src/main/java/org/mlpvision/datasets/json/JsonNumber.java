package org.mlpvision.datasets.json;

import com.fasterxml.jackson.core.io.NumberInput;
import java.nio.charset.StandardCharsets;

/**
 * The last number a {@link JsonCursor} read, parsed in place: the same double as {@link
 * Double#parseDouble} (one IEEE operation for up to 18 digits and a power of ten up to 22, which
 * rounds correctly; the text through Jackson's correctly rounded parser otherwise), and for an
 * integer token its exact {@code long}.
 */
final class JsonNumber {
  private static final double[] POW10 = new double[23];
  private static final long TWO_POW_53 = 1L << 53;

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10; // exact up to 1e22
    }
  }

  private byte[] buf;
  private int end;

  /** The value as a double. */
  double value;

  /** Whether it was an integer token (no fraction, no exponent). */
  boolean integer;

  /** An integer token's value, valid when {@link #longInRange}. */
  long longValue;

  /** Whether an integer token fits a {@code long}. */
  boolean longInRange;

  /** The token's position in the document. */
  int start;

  /** One past the token's end. */
  int stop;

  /**
   * Parses the number (or {@code NaN}, {@code Infinity}, {@code -Infinity}) at {@code p}.
   *
   * @return the position after it
   * @throws JsonSyntaxException when no valid number starts there
   */
  int parse(byte[] buf, int p, int end) {
    this.buf = buf;
    this.end = end;
    start = p;
    boolean negative = false;
    int b = at(p);
    if (b == '-') {
      negative = true;
      b = at(++p);
    }
    if (b == 'I' || b == 'N' && !negative) {
      String word = b == 'I' ? "Infinity" : "NaN";
      p = JsonCursor.literal(buf, p, end, word);
      stop = p;
      integer = false;
      longInRange = false;
      value =
          b == 'N' ? Double.NaN : negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      return p;
    }
    long m = 0;
    int digits = 0;
    boolean truncated = false;
    if (b == '0') {
      b = at(++p);
    } else if (b >= '1' && b <= '9') {
      while (b >= '0' && b <= '9') {
        if (digits < 18) {
          m = m * 10 + (b - '0');
          digits++;
        } else {
          truncated = true;
        }
        b = at(++p);
      }
    } else {
      throw JsonCursor.unexpected(p, b, "a digit");
    }
    int scale = 0; // value = m * 10^(scale + exponent) unless truncated (then the text is parsed)
    boolean isInteger = true;
    if (b == '.') {
      isInteger = false;
      b = at(++p);
      if (b < '0' || b > '9') {
        throw JsonCursor.unexpected(p, b, "a digit after '.'");
      }
      while (b >= '0' && b <= '9') {
        if (digits < 18) {
          m = m * 10 + (b - '0');
          digits++;
          scale--;
        } else {
          truncated = true;
        }
        b = at(++p);
      }
    }
    int exponent = 0;
    if (b == 'e' || b == 'E') {
      isInteger = false;
      b = at(++p);
      boolean negativeExponent = b == '-';
      if (b == '-' || b == '+') {
        b = at(++p);
      }
      if (b < '0' || b > '9') {
        throw JsonCursor.unexpected(p, b, "a digit in the exponent");
      }
      while (b >= '0' && b <= '9') {
        exponent = Math.min(exponent * 10 + (b - '0'), 100_000);
        b = at(++p);
      }
      if (negativeExponent) {
        exponent = -exponent;
      }
    }
    stop = p;
    integer = isInteger;
    if (isInteger) {
      if (!truncated) {
        longValue = negative ? -m : m;
        longInRange = true;
        value = longValue; // as Jackson and Python: an integer token "-0" is 0, not -0.0
      } else {
        slowInteger();
      }
      return p;
    }
    longInRange = false;
    int e10 = scale + exponent;
    if (!truncated && m <= TWO_POW_53 && e10 >= -22 && e10 <= 22) {
      // Both operands are exact doubles, so one IEEE operation rounds correctly (Clinger).
      double v = e10 < 0 ? m / POW10[-e10] : m * POW10[e10];
      value = negative ? -v : v;
    } else {
      value = NumberInput.parseDouble(text(), true);
    }
    return p;
  }

  private void slowInteger() {
    String text = text();
    try {
      longValue = Long.parseLong(text);
      longInRange = true;
      value = longValue;
    } catch (NumberFormatException e) {
      longInRange = false;
      value = NumberInput.parseDouble(text, true);
    }
  }

  /** The number as written. */
  String text() {
    return new String(buf, start, stop - start, StandardCharsets.ISO_8859_1);
  }

  private int at(int p) {
    return p < end ? buf[p] & 0xff : -1;
  }
}
