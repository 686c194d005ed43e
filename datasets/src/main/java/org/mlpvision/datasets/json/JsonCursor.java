package org.mlpvision.datasets.json;

import java.nio.ByteBuffer;
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
  private final byte[] buf;
  private final int end;
  private int pos;
  private boolean first; // just inside '{' or '[': no comma may come before the next entry
  private final JsonNumber number = new JsonNumber();
  private final JsonStrings strings = new JsonStrings();
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
    if (!strings.escaped()) {
      // no escapes: compare the raw bytes
      for (int i = 0; i < names.length; i++) {
        if (names[i].length == length && rawEquals(start, names[i])) {
          return i;
        }
      }
      return OTHER;
    }
    int n = strings.unescape(buf, start, close);
    for (int i = 0; i < names.length; i++) {
      if (Arrays.equals(strings.scratch(), 0, n, names[i], 0, names[i].length)) {
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
    pos = number.parse(buf, pos, end);
    return number.value;
  }

  /** Whether the last number read was an integer token (no fraction, no exponent). */
  public boolean wasInteger() {
    return number.integer;
  }

  /** The last number as written. */
  public String numberText() {
    return number.text();
  }

  /** Whether the last integer token fits a {@code long}. */
  public boolean longInRange() {
    return number.longInRange;
  }

  /** The last integer token's value (valid when {@link #longInRange()}). */
  public long longValue() {
    return number.longValue;
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
    if (!strings.escaped()) {
      stringSource = buf;
      stringStart = start;
      stringEnd = close;
    } else {
      stringEnd = strings.unescape(buf, start, close); // may grow the scratch array
      stringSource = strings.scratch();
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

  /** At an opening quote: moves past the closing quote and returns the closing quote's position. */
  private int skipString() {
    int close;
    try {
      close = strings.skip(buf, pos, end);
    } catch (JsonSyntaxException e) {
      pos = Math.min(e.position(), end);
      throw e;
    }
    pos = close + 1;
    return close;
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
    pos = literal(buf, p, end, word);
  }

  /**
   * Checks that {@code word} is at {@code p} and not followed by a letter or digit, and returns the
   * position after it.
   */
  static int literal(byte[] buf, int p, int end, String word) {
    for (int i = 0; i < word.length(); i++) {
      if (p + i >= end || buf[p + i] != word.charAt(i)) {
        throw new JsonSyntaxException(p, "unrecognized token, expected '" + word + "'");
      }
    }
    int after = p + word.length();
    if (after < end && Character.isLetterOrDigit(buf[after] & 0xff)) {
      throw new JsonSyntaxException(p, "unrecognized token, expected '" + word + "'");
    }
    return after;
  }

  private String text(int from, int to) {
    return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
  }

  private JsonSyntaxException unexpected(int b, String expected) {
    return unexpected(pos, b, expected);
  }

  /** "unexpected X, expected Y" at {@code position}, {@code b} being the byte found or -1. */
  static JsonSyntaxException unexpected(int position, int b, String expected) {
    String found;
    if (b < 0) {
      found = "end of input";
    } else if (b >= 0x20 && b < 0x7f) {
      found = "'" + (char) b + "'";
    } else {
      found = "byte 0x" + Integer.toHexString(b);
    }
    return new JsonSyntaxException(position, "unexpected " + found + ", expected " + expected);
  }
}
