package org.mlpvision.datasets.json;

import com.fasterxml.jackson.core.io.NumberInput;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A pull reader over the UTF-8 bytes of a JSON document that reads values straight into primitives:
 * no token objects, no strings for field names, numbers parsed in place. It checks the full JSON
 * grammar (also in the values it skips) and accepts {@code NaN}, {@code Infinity} and {@code
 * -Infinity} as Python's {@code json} writes them. Numbers give the same doubles as {@link
 * Double#parseDouble} (correctly rounded); an integer token also gives its exact {@code long}.
 *
 * <p>Syntax errors are {@link JsonSyntaxException}s carrying the byte position. One cursor is used
 * by one thread; several cursors may read the same buffer at once.
 */
public final class JsonCursor {
  /** {@link #nextField} result: the object ended. */
  public static final int END = -2;

  /** {@link #nextField} result: a field whose name is not among the names asked for. */
  public static final int OTHER = -1;

  /** The kinds of JSON values, as {@link #kind()} tells them from their first byte. */
  public enum Kind {
    OBJECT,
    ARRAY,
    STRING,
    NUMBER,
    TRUE,
    FALSE,
    NULL
  }

  private static final int MAX_DEPTH = 1000; // as Jackson's default nesting limit
  private static final double[] POW10 = new double[23];
  private static final long TWO_POW_53 = 1L << 53;

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10; // exact up to 1e22
    }
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final byte[] buf;
  private final int end;
  private int pos;
  private boolean first; // just inside '{' or '[': no comma may come before the next entry
  private boolean escaped; // whether the last string skipped had escapes
  private boolean integer;
  private int numberStart;
  private int numberEnd;
  private long longValue;
  private boolean longInRange;
  private byte[] scratch = new byte[256];
  private byte[] stringSource;
  private int stringStart;
  private int stringEnd;

  /**
   * A cursor reading {@code buf} from {@code from} up to {@code to}.
   *
   * @param buf the document's bytes; never modified
   */
  public JsonCursor(byte[] buf, int from, int to) {
    this.buf = buf;
    this.pos = from;
    this.end = to;
  }

  /** The byte position of the next unread byte. */
  public int position() {
    return pos;
  }

  /** Continues after a value that another cursor read, which ended at {@code position}. */
  void continueAfter(int position) {
    pos = position;
    first = false;
  }

  /** Continues inside an array at the start of an element (no comma before it). */
  void resumeArray() {
    first = true;
  }

  /** Skips whitespace and returns the next byte without consuming it, or -1 at the end. */
  public int peek() {
    int p = pos;
    while (p < end) {
      byte b = buf[p];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        pos = p;
        return b & 0xff;
      }
      p++;
    }
    pos = p;
    return -1;
  }

  /** True when only whitespace is left. */
  public boolean atEnd() {
    return peek() < 0;
  }

  /** The kind of the next value (whitespace skipped); a syntax error when no value starts here. */
  public Kind kind() {
    int b = peek();
    return switch (b) {
      case '{' -> Kind.OBJECT;
      case '[' -> Kind.ARRAY;
      case '"' -> Kind.STRING;
      case 't' -> Kind.TRUE;
      case 'f' -> Kind.FALSE;
      case 'n' -> Kind.NULL;
      case '-', 'N', 'I', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> Kind.NUMBER;
      default -> throw unexpected(b, "a value");
    };
  }

  /** Consumes {@code '{'}; then call {@link #nextField} until it returns {@link #END}. */
  public void enterObject() {
    expect('{');
    first = true;
  }

  /** Consumes {@code '['}; then call {@link #nextElement} until it returns false. */
  public void enterArray() {
    expect('[');
    first = true;
  }

  /**
   * Moves to the next field of the object being read: consumes the separating comma, the name and
   * the colon, and returns the index of the name in {@code names}, {@link #OTHER} for another name
   * (whose value the caller must read or {@link #skipValue skip}), or {@link #END} after consuming
   * {@code '}'}.
   */
  public int nextField(byte[][] names) {
    int b = peek();
    if (b == '}') {
      pos++;
      first = false;
      return END;
    }
    if (!first) {
      if (b != ',') {
        throw unexpected(b, "',' or '}'");
      }
      pos++;
      b = peek();
    }
    first = false;
    if (b != '"') {
      throw unexpected(b, "a field name");
    }
    int index = matchName(names);
    if (peek() != ':') {
      throw unexpected(peek(), "':'");
    }
    pos++;
    return index;
  }

  /**
   * Moves to the next element of the array being read: consumes the separating comma and returns
   * true, or consumes {@code ']'} and returns false.
   */
  public boolean nextElement() {
    int b = peek();
    if (b == ']') {
      pos++;
      first = false;
      return false;
    }
    if (!first) {
      if (b != ',') {
        throw unexpected(b, "',' or ']'");
      }
      pos++;
      peek();
    }
    first = false;
    return true;
  }

  private int matchName(byte[][] names) {
    int start = pos + 1;
    int close = skipString();
    int length = close - start;
    if (!escaped) {
      // no escapes: compare the raw bytes
      for (int i = 0; i < names.length; i++) {
        if (names[i].length == length && rawEquals(start, names[i])) {
          return i;
        }
      }
      return OTHER;
    }
    int n = unescape(start, close);
    for (int i = 0; i < names.length; i++) {
      if (Arrays.equals(scratch, 0, n, names[i], 0, names[i].length)) {
        return i;
      }
    }
    return OTHER;
  }

  private boolean rawEquals(int start, byte[] name) {
    for (int i = 0; i < name.length; i++) {
      if (buf[start + i] != name[i]) {
        return false;
      }
    }
    return true;
  }

  /** Field names as UTF-8 bytes, for {@link #nextField}. */
  public static byte[][] names(String... names) {
    byte[][] out = new byte[names.length][];
    for (int i = 0; i < names.length; i++) {
      out[i] = names[i].getBytes(StandardCharsets.UTF_8);
    }
    return out;
  }

  // ---- numbers

  /**
   * Reads a number (or {@code NaN}, {@code Infinity}, {@code -Infinity}) as a double; {@link
   * #wasInteger()} and {@link #longValue()} then describe it.
   */
  public double readNumber() {
    peek();
    int start = pos;
    int p = pos;
    boolean negative = false;
    int b = at(p);
    if (b == '-') {
      negative = true;
      b = at(++p);
    }
    if (b == 'I' || b == 'N' && !negative) {
      String word = b == 'I' ? "Infinity" : "NaN";
      literal(p, word);
      numberStart = start;
      numberEnd = pos;
      integer = false;
      longInRange = false;
      return b == 'N' ? Double.NaN : negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
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
      pos = p;
      throw unexpected(b, "a digit");
    }
    int scale = 0; // value = m * 10^(scale + exponent) unless truncated (then the text is parsed)
    boolean isInteger = true;
    if (b == '.') {
      isInteger = false;
      b = at(++p);
      if (b < '0' || b > '9') {
        pos = p;
        throw unexpected(b, "a digit after '.'");
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
        pos = p;
        throw unexpected(b, "a digit in the exponent");
      }
      while (b >= '0' && b <= '9') {
        exponent = Math.min(exponent * 10 + (b - '0'), 100_000);
        b = at(++p);
      }
      if (negativeExponent) {
        exponent = -exponent;
      }
    }
    pos = p;
    numberStart = start;
    numberEnd = p;
    integer = isInteger;
    if (isInteger) {
      if (!truncated) {
        longValue = negative ? -m : m;
        longInRange = true;
        return longValue; // as Jackson and Python: an integer token "-0" is 0, not -0.0
      }
      return slowInteger(start, p);
    }
    longInRange = false;
    int e10 = scale + exponent;
    if (!truncated && m <= TWO_POW_53 && e10 >= -22 && e10 <= 22) {
      // Both operands are exact doubles, so one IEEE operation rounds correctly (Clinger).
      double v = e10 < 0 ? m / POW10[-e10] : m * POW10[e10];
      return negative ? -v : v;
    }
    return NumberInput.parseDouble(text(start, p), true);
  }

  private double slowInteger(int start, int p) {
    String text = text(start, p);
    try {
      longValue = Long.parseLong(text);
      longInRange = true;
      return longValue;
    } catch (NumberFormatException e) {
      longInRange = false;
      return NumberInput.parseDouble(text, true);
    }
  }

  /** Whether the last number read was an integer token (no fraction, no exponent). */
  public boolean wasInteger() {
    return integer;
  }

  /** The last number as written. */
  public String numberText() {
    return text(numberStart, numberEnd);
  }

  /** Whether the last integer token fits a {@code long}. */
  public boolean longInRange() {
    return longInRange;
  }

  /** The last integer token's value (valid when {@link #longInRange()}). */
  public long longValue() {
    return longValue;
  }

  // ---- strings

  /** Reads a string value. */
  public String readString() {
    readStringBytes();
    try {
      CharBuffer chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(stringSource, stringStart, stringEnd - stringStart));
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw new JsonSyntaxException(pos, "a string is not valid UTF-8");
    }
  }

  /**
   * Reads a string value and locates its UTF-8 bytes, {@code stringSource()[stringStart(),
   * stringEnd())}: in the document's own array when the string has no escapes ({@link
   * #stringShared()}: nothing is copied, and the bytes stay valid), otherwise resolved into a
   * scratch array that the next string overwrites. Callers only read these arrays.
   */
  public void readStringBytes() {
    if (peek() != '"') {
      throw unexpected(peek(), "a string");
    }
    int start = pos + 1;
    int close = skipString();
    if (!escaped) {
      stringSource = buf;
      stringStart = start;
      stringEnd = close;
    } else {
      stringEnd = unescape(start, close); // may grow the scratch array
      stringSource = scratch;
      stringStart = 0;
    }
  }

  /** The array holding the last string read with {@link #readStringBytes()}. */
  public byte[] stringSource() {
    return stringSource;
  }

  /** Start of the last string's bytes in {@link #stringSource()}. */
  public int stringStart() {
    return stringStart;
  }

  /** End (exclusive) of the last string's bytes in {@link #stringSource()}. */
  public int stringEnd() {
    return stringEnd;
  }

  /** Whether the last string's bytes are the document's own, valid for as long as it is. */
  public boolean stringShared() {
    return stringSource == buf;
  }

  private void ensureScratch(int length) {
    if (scratch.length < length) {
      scratch = new byte[Math.max(length, scratch.length * 2)];
    }
  }

  /**
   * At an opening quote: moves past the closing quote and returns the closing quote's position.
   * Checks escapes and rejects raw control characters, as JSON requires.
   */
  private int skipString() {
    int p = pos + 1;
    escaped = false;
    while (true) {
      // Eight bytes at a time until one is a quote, a backslash or a control character.
      while (p + 8 <= end) {
        long x = (long) LONGS.get(buf, p);
        long special = special(x);
        if (special != 0) {
          p += Long.numberOfTrailingZeros(special) >>> 3;
          break;
        }
        p += 8;
      }
      if (p >= end) {
        pos = end;
        throw new JsonSyntaxException(end, "unexpected end of input inside a string");
      }
      byte b = buf[p];
      if (b == '"') {
        pos = p + 1;
        return p;
      }
      if (b == '\\') {
        escaped = true;
        p = escapeEnd(p);
      } else if (b >= 0 && b < 0x20) {
        pos = p;
        throw new JsonSyntaxException(p, "control character " + b + " inside a string");
      } else {
        p++;
      }
    }
  }

  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

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
  private int escapeEnd(int p) {
    int e = at(p + 1);
    switch (e) {
      case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
        return p + 2;
      }
      case 'u' -> {
        for (int i = 2; i < 6; i++) {
          if (Character.digit(at(p + i), 16) < 0) {
            throw new JsonSyntaxException(p, "bad \\u escape in a string");
          }
        }
        return p + 6;
      }
      default -> throw new JsonSyntaxException(p, "bad escape in a string");
    }
  }

  /** Copies the content between {@code start} and {@code close} into scratch, resolving escapes. */
  private int unescape(int start, int close) {
    ensureScratch(close - start);
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
              char u = (char) Integer.parseInt(text(p, p + 4), 16);
              p += 4;
              yield u;
            }
            default -> (char) e;
          };
      if (Character.isHighSurrogate(c) && p + 6 <= close && buf[p] == '\\' && buf[p + 1] == 'u') {
        char low = (char) Integer.parseInt(text(p + 2, p + 6), 16);
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

  private int putUtf8(int cp, int n) {
    if (cp < 0x80) {
      scratch[n] = (byte) cp;
      return n + 1;
    }
    byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
    System.arraycopy(bytes, 0, scratch, n, bytes.length);
    return n + bytes.length;
  }

  // ---- skipping and describing

  /** Skips one value of any kind, checking its grammar; nesting is limited to 1000 levels. */
  public void skipValue() {
    boolean[] isObject = null; // allocated only for nested containers
    int depth = 0;
    while (true) {
      int b = peek();
      if (b == '{' || b == '[') {
        if (depth == MAX_DEPTH) {
          throw new JsonSyntaxException(pos, "nesting deeper than " + MAX_DEPTH + " levels");
        }
        pos++;
        int close = b == '{' ? '}' : ']';
        if (peek() == close) {
          pos++;
        } else {
          if (isObject == null) {
            isObject = new boolean[16];
          } else if (depth == isObject.length) {
            isObject = Arrays.copyOf(isObject, Math.min(MAX_DEPTH, depth * 2));
          }
          isObject[depth++] = b == '{';
          if (b == '{') {
            fieldName();
          }
          continue;
        }
      } else {
        skipScalar(b);
      }
      // after a value: close containers or move to the next entry
      while (true) {
        if (depth == 0) {
          return;
        }
        boolean object = isObject[depth - 1];
        int c = peek();
        if (c == ',') {
          pos++;
          if (object) {
            fieldName();
          }
          break;
        }
        if (c == (object ? '}' : ']')) {
          pos++;
          depth--;
          continue;
        }
        throw unexpected(c, object ? "',' or '}'" : "',' or ']'");
      }
    }
  }

  private void fieldName() {
    if (peek() != '"') {
      throw unexpected(peek(), "a field name");
    }
    skipString();
    if (peek() != ':') {
      throw unexpected(peek(), "':'");
    }
    pos++;
  }

  private void skipScalar(int b) {
    switch (b) {
      case '"' -> skipString();
      case 't' -> literal(pos, "true");
      case 'f' -> literal(pos, "false");
      case 'n' -> literal(pos, "null");
      case '-', 'N', 'I', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> readNumber();
      default -> throw unexpected(b, "a value");
    }
  }

  /**
   * Consumes the next value and describes it for an error message: {@code an array}, {@code an
   * object}, {@code string "..."}, {@code null}, {@code boolean true}, or the number as written.
   */
  public String describeValue() {
    Kind k = kind();
    int start = pos;
    switch (k) {
      case OBJECT -> {
        skipValue();
        return "an object";
      }
      case ARRAY -> {
        skipValue();
        return "an array";
      }
      case STRING -> {
        String s = readString();
        return "string \"" + (s.length() <= 40 ? s : s.substring(0, 40) + "...") + "\"";
      }
      case NULL -> {
        skipValue();
        return "null";
      }
      case TRUE, FALSE -> {
        skipValue();
        return "boolean " + (k == Kind.TRUE);
      }
      default -> {
        readNumber();
        return text(start, pos);
      }
    }
  }

  /** Consumes {@code c} (after whitespace) or fails naming what was found. */
  public void expect(char c) {
    int b = peek();
    if (b != c) {
      throw unexpected(b, "'" + c + "'");
    }
    pos++;
  }

  private void literal(int p, String word) {
    for (int i = 0; i < word.length(); i++) {
      if (at(p + i) != word.charAt(i)) {
        pos = p + i;
        throw new JsonSyntaxException(p, "unrecognized token, expected '" + word + "'");
      }
    }
    pos = p + word.length();
    int next = at(pos);
    if (Character.isLetterOrDigit(next)) {
      throw new JsonSyntaxException(p, "unrecognized token, expected '" + word + "'");
    }
  }

  private int at(int p) {
    return p < end ? buf[p] & 0xff : -1;
  }

  private String text(int from, int to) {
    return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
  }

  private JsonSyntaxException unexpected(int b, String expected) {
    String found;
    if (b < 0) {
      found = "end of input";
    } else if (b >= 0x20 && b < 0x7f) {
      found = "'" + (char) b + "'";
    } else {
      found = "byte 0x" + Integer.toHexString(b);
    }
    return new JsonSyntaxException(pos, "unexpected " + found + ", expected " + expected);
  }
}
