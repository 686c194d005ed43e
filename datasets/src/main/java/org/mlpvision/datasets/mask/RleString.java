package org.mlpvision.datasets.mask;

/**
 * COCO's compressed RLE string ({@code rleToString} / {@code rleFrString} in maskApi.c): each count
 * from the fourth on is stored as the difference to the count two places before, and every value is
 * written as little-endian 5-bit groups with a continuation bit (0x20) and sign bit (0x10), offset
 * by 48 so every character lies in {@code '0'..'o'}.
 */
public final class RleString {
  private RleString() {}

  /** The compressed string of {@code rle}. */
  public static String encode(Rle rle) {
    StringBuilder s = new StringBuilder(rle.runs() * 2);
    for (int i = 0; i < rle.runs(); i++) {
      long x = rle.count(i);
      if (i > 2) {
        x -= rle.count(i - 2);
      }
      boolean more = true;
      while (more) {
        int c = (int) (x & 0x1f);
        x >>= 5;
        more = (c & 0x10) != 0 ? x != -1 : x != 0;
        if (more) {
          c |= 0x20;
        }
        s.append((char) (c + 48));
      }
    }
    return s.toString();
  }

  /**
   * Decodes a compressed string for a {@code height x width} mask.
   *
   * @throws IllegalArgumentException for a character outside {@code '0'..'o'}, a value cut off at
   *     the end of the string, a count that overflows or is negative, or counts that do not sum to
   *     {@code height * width}
   */
  public static Rle decode(String s, int height, int width) {
    byte[] b = new byte[s.length()];
    for (int i = 0; i < b.length; i++) {
      char ch = s.charAt(i);
      b[i] = ch < 128 ? (byte) ch : (byte) 0xff; // 0xff is an invalid character, reported below
    }
    return decode(b, 0, b.length, height, width);
  }

  /**
   * Decodes the compressed string in {@code s[from, to)} (one byte per character) for a {@code
   * height x width} mask, as {@link #decode(String, int, int)}.
   */
  public static Rle decode(byte[] s, int from, int to, int height, int width) {
    int[] counts = new int[values(s, from, to)];
    walk(s, from, to, counts);
    return Rle.owning(height, width, counts); // checks the sum
  }

  /**
   * Checks the compressed string in {@code s[from, to)} as {@link #decode(byte[], int, int, int,
   * int)} does and returns a mask that decodes its runs from there when first used. The mask keeps
   * a reference to {@code s}, which must not change afterwards (a results file's bytes, say: the
   * masks then cost no copy).
   */
  public static Rle lazy(byte[] s, int from, int to, int height, int width) {
    Rle.Summary summary = walk(s, from, to, null);
    Rle.checkSum(summary, height, width);
    return Rle.compressed(height, width, s, from, to, summary);
  }

  /**
   * Checks the compressed string in {@code s[from, to)} for a {@code height x width} mask as {@link
   * #decode(byte[], int, int, int, int)} does, without building the runs.
   *
   * @throws IllegalArgumentException as {@link #decode(String, int, int)}
   */
  public static void check(byte[] s, int from, int to, int height, int width) {
    Rle.checkSum(walk(s, from, to, null), height, width);
  }

  /** The {@code runs} runs of a string that was checked before. */
  static int[] decodeChecked(byte[] s, int from, int to, int runs) {
    int[] counts = new int[runs];
    walk(s, from, to, counts);
    return counts;
  }

  /** Number of values: one ends at each character without the continuation bit (below 'P'). */
  private static int values(byte[] s, int from, int to) {
    int values = 0;
    for (int p = from; p < to; p++) {
      values += s[p] < 'P' ? 1 : 0;
    }
    return values;
  }

  /**
   * Decodes every value, storing the runs into {@code out} when it is not null, and summarizes
   * them.
   *
   * @throws IllegalArgumentException for a bad character, a cut-off or overlong value, or a run out
   *     of range
   */
  private static Rle.Summary walk(byte[] s, int from, int to, int[] out) {
    long sum = 0;
    long area = 0;
    long start = -1;
    long end = 0;
    long previous = 0; // run m-1
    long beforePrevious = 0; // run m-2, the base of run m's difference
    int m = 0;
    int p = from;
    while (p < to) {
      long x;
      int c = s[p] - 48; // a byte above 0x7f is negative here, hence invalid
      if ((c >>> 5) == 0) {
        // most values fit one character: 5 bits, sign in 0x10, no continuation bit 0x20
        x = (c << 27) >> 27;
        p++;
      } else {
        x = 0;
        int k = 0;
        boolean more = true;
        while (more) {
          if (p >= to) {
            throw new IllegalArgumentException(
                "compressed RLE ends inside a value at char " + (p - from));
          }
          c = s[p] - 48;
          if ((c >>> 6) != 0) {
            throw new IllegalArgumentException(
                "compressed RLE has invalid character '"
                    + (char) (s[p] & 0xff)
                    + "' at char "
                    + (p - from));
          }
          if (k > 7) {
            throw new IllegalArgumentException(
                "compressed RLE value too long at char " + (p - from));
          }
          x |= (long) (c & 0x1f) << (5 * k);
          more = (c & 0x20) != 0;
          p++;
          k++;
          if (!more && (c & 0x10) != 0) {
            x |= -1L << (5 * k);
          }
        }
      }
      if (m > 2) {
        x += beforePrevious;
      }
      if ((x >>> 31) != 0) {
        throw new IllegalArgumentException(
            "compressed RLE count " + x + " out of range at run " + m);
      }
      if (out != null) {
        out[m] = (int) x;
      }
      if ((m & 1) == 1 && x > 0) {
        start = start < 0 ? sum : start;
        end = sum + x;
        area += x;
      }
      sum += x;
      beforePrevious = previous;
      previous = x;
      m++;
    }
    return new Rle.Summary(m, area, Math.max(start, 0), end, sum);
  }
}
