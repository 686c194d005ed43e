package org.mlpvision.datasets.mask;

import java.util.Arrays;

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
    int[] counts = new int[s.length()];
    int m = 0;
    int p = 0;
    while (p < s.length()) {
      long x = 0;
      int k = 0;
      boolean more = true;
      while (more) {
        if (p >= s.length()) {
          throw new IllegalArgumentException("compressed RLE ends inside a value at char " + p);
        }
        char ch = s.charAt(p);
        if (ch < '0' || ch > 'o') {
          throw new IllegalArgumentException(
              "compressed RLE has invalid character '" + ch + "' at char " + p);
        }
        if (k > 7) {
          throw new IllegalArgumentException("compressed RLE value too long at char " + p);
        }
        int c = ch - 48;
        x |= (long) (c & 0x1f) << (5 * k);
        more = (c & 0x20) != 0;
        p++;
        k++;
        if (!more && (c & 0x10) != 0) {
          x |= -1L << (5 * k);
        }
      }
      if (m > 2) {
        x += counts[m - 2];
      }
      if (x < 0 || x > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "compressed RLE count " + x + " out of range at run " + m);
      }
      counts[m++] = (int) x;
    }
    return new Rle(height, width, Arrays.copyOf(counts, m));
  }
}
