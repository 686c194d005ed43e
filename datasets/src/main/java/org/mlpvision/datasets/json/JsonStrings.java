package org.mlpvision.datasets.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The strings of one {@link JsonCursor}: finds a string's closing quote eight bytes at a time,
 * checks its escapes and control characters as JSON requires, and resolves escapes into a scratch
 * array (UTF-8) when asked.
 */
final class JsonStrings {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private byte[] scratch = new byte[256];
  private boolean escaped;

  /** Whether the last string skipped had escapes. */
  boolean escaped() {
    return escaped;
  }

  /** The array {@link #unescape} wrote to. */
  byte[] scratch() {
    return scratch;
  }

  /**
   * From the opening quote at {@code open}: the closing quote's position.
   *
   * @throws JsonSyntaxException for a bad escape, a raw control character or a missing close
   */
  int skip(byte[] buf, int open, int end) {
    int p = open + 1;
    escaped = false;
    while (true) {
      // Eight bytes at a time until one is a quote, a backslash or a control character.
      while (p + 8 <= end) {
        long special = special((long) LONGS.get(buf, p));
        if (special != 0) {
          p += Long.numberOfTrailingZeros(special) >>> 3;
          break;
        }
        p += 8;
      }
      if (p >= end) {
        throw new JsonSyntaxException(end, "unexpected end of input inside a string");
      }
      byte b = buf[p];
      if (b == '"') {
        return p;
      }
      if (b == '\\') {
        escaped = true;
        p = escapeEnd(buf, p, end);
      } else if (b >= 0 && b < 0x20) {
        throw new JsonSyntaxException(p, "control character " + b + " inside a string");
      } else {
        p++;
      }
    }
  }

  /** High bit set in each byte of {@code x} that is {@code '"'}, {@code '\\'} or below 0x20. */
  private static long special(long x) {
    long q = x ^ 0x2222222222222222L;
    long s = x ^ 0x5c5c5c5c5c5c5c5cL;
    long quote = (q - ONES) & ~q;
    long slash = (s - ONES) & ~s;
    long control = (x - 0x2020202020202020L) & ~x;
    // The subtraction tricks may flag a byte just above a real hit (borrow); the caller re-checks
    // the byte it stops at and moves on byte by byte, so a false stop only costs time.
    return (quote | slash | control) & HIGHS;
  }

  /** Position after the escape sequence starting at {@code p}, after checking it. */
  private static int escapeEnd(byte[] buf, int p, int end) {
    int e = p + 1 < end ? buf[p + 1] : -1;
    switch (e) {
      case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
        return p + 2;
      }
      case 'u' -> {
        for (int i = 2; i < 6; i++) {
          if (p + i >= end || Character.digit(buf[p + i], 16) < 0) {
            throw new JsonSyntaxException(p, "bad \\u escape in a string");
          }
        }
        return p + 6;
      }
      default -> throw new JsonSyntaxException(p, "bad escape in a string");
    }
  }

  /**
   * Copies the content between {@code start} and {@code close} (checked by {@link #skip}) into
   * {@link #scratch()}, resolving escapes, and returns its length.
   */
  int unescape(byte[] buf, int start, int close) {
    if (scratch.length < close - start) {
      scratch = new byte[Math.max(close - start, scratch.length * 2)];
    }
    int n = 0;
    int p = start;
    while (p < close) {
      int q = p;
      while (q < close && buf[q] != '\\') {
        q++;
      }
      System.arraycopy(buf, p, scratch, n, q - p);
      n += q - p;
      if (q == close) {
        break;
      }
      int e = buf[q + 1];
      p = q + 2;
      char c =
          switch (e) {
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> {
              char u = hex4(buf, p);
              p += 4;
              yield u;
            }
            default -> (char) e;
          };
      if (Character.isHighSurrogate(c) && p + 6 <= close && buf[p] == '\\' && buf[p + 1] == 'u') {
        char low = hex4(buf, p + 2);
        if (Character.isLowSurrogate(low)) {
          p += 6;
          n = putUtf8(Character.toCodePoint(c, low), n);
          continue;
        }
      }
      n = putUtf8(c, n);
    }
    return n;
  }

  private static char hex4(byte[] buf, int p) {
    return (char) Integer.parseInt(new String(buf, p, 4, StandardCharsets.ISO_8859_1), 16);
  }

  private int putUtf8(int cp, int n) {
    if (cp < 0x80) {
      scratch[n] = (byte) cp;
      return n + 1;
    }
    byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
    System.arraycopy(bytes, 0, scratch, n, bytes.length);
    return n + bytes.length;
  }
}
