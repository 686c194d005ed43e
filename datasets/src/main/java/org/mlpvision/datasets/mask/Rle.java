package org.mlpvision.datasets.mask;

import java.util.Arrays;

/**
 * A binary mask as COCO run-length encoding: the mask is read in column-major order (down each
 * column, left to right) and {@code counts} are alternating run lengths, starting with a run of
 * zeros (which may be empty). Immutable; the counts always sum to {@code height * width}.
 *
 * <p>A mask read from a compressed string ({@link RleString#lazy}) keeps the string, already
 * checked, and decodes its runs on first use: large results files hold a few hundred thousand masks
 * of which evaluation needs only those near a ground truth, and the short-lived decoded runs cost
 * the garbage collector far less than runs kept from the start.
 */
public final class Rle {
  private final int height;
  private final int width;
  private final byte[] compressed; // null when built from runs
  private final int from; // the compressed string is compressed[from, to)
  private final int to;
  private final int runCount;
  private final long area;
  private final long start; // first foreground pixel (column-major), 0 when empty
  private final long end; // one past the last foreground pixel, 0 when empty
  // Racy single-check: a thread sees null (and decodes again, the same runs) or a Runs whose final
  // field makes the filled array visible, so no lock or volatile read is needed.
  private Runs decoded;

  /** The runs, behind a final field for safe publication. */
  private record Runs(int[] counts) {}

  /**
   * @throws IllegalArgumentException when a size or count is negative or the counts do not sum to
   *     {@code height * width}
   */
  public Rle(int height, int width, int[] counts) {
    this(height, width, counts.clone(), null);
  }

  /** Takes {@code counts} without copying; for codecs that built the array themselves. */
  static Rle owning(int height, int width, int[] counts) {
    return new Rle(height, width, counts, null);
  }

  /**
   * The run count, area and foreground span of runs, gathered while they are checked.
   *
   * @param runs number of runs
   * @param area foreground pixels
   * @param start first foreground pixel in column-major order (0 when there is none)
   * @param end one past the last foreground pixel (0 when there is none)
   * @param pixels the sum of all runs, which must be {@code height * width}
   */
  record Summary(int runs, long area, long start, long end, long pixels) {}

  /**
   * A mask decoded from {@code compressed[from, to)} when first used; the caller checked the string
   * and summarized its runs.
   */
  static Rle compressed(int height, int width, byte[] compressed, int from, int to, Summary s) {
    return new Rle(height, width, compressed, from, to, s);
  }

  private Rle(int height, int width, byte[] compressed, int from, int to, Summary s) {
    this.height = height;
    this.width = width;
    this.compressed = compressed;
    this.from = from;
    this.to = to;
    this.runCount = s.runs();
    this.area = s.area();
    this.start = s.start();
    this.end = s.end();
  }

  private Rle(int height, int width, int[] counts, Void unused) {
    checkSize(height, width);
    long sum = 0;
    long fg = 0;
    long first = -1;
    long last = 0;
    for (int i = 0; i < counts.length; i++) {
      int c = counts[i];
      if (c < 0) {
        throw new IllegalArgumentException("negative run length " + c + " at counts[" + i + "]");
      }
      if ((i & 1) == 1 && c > 0) {
        first = first < 0 ? sum : first;
        last = sum + c;
        fg += c;
      }
      sum += c;
    }
    checkSum(sum, height, width);
    this.height = height;
    this.width = width;
    this.compressed = null;
    this.from = 0;
    this.to = 0;
    this.runCount = counts.length;
    this.area = fg;
    this.start = Math.max(first, 0);
    this.end = last;
    this.decoded = new Runs(counts);
  }

  private static void checkSize(int height, int width) {
    if (height < 0 || width < 0) {
      throw new IllegalArgumentException("negative mask size " + height + "x" + width);
    }
    if ((long) height * width > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "mask size " + height + "x" + width + " exceeds 2^31-1 pixels");
    }
  }

  /** Checks the size and that the summarized runs cover it. */
  static void checkSum(Summary s, int height, int width) {
    checkSum(s.pixels(), height, width);
  }

  /** Checks the size and that runs summing to {@code sum} cover it. */
  static void checkSum(long sum, int height, int width) {
    checkSize(height, width);
    if (sum != (long) height * width) {
      throw new IllegalArgumentException(
          "counts sum to "
              + sum
              + " but height*width is "
              + height
              + "*"
              + width
              + "="
              + (long) height * width);
    }
  }

  /** The runs, decoded now if this mask was read compressed. */
  private int[] decodedRuns() {
    Runs r = decoded;
    if (r == null) {
      r = new Runs(RleString.decodeChecked(compressed, from, to, runCount));
      decoded = r;
    }
    return r.counts();
  }

  /** Mask height in pixels. */
  public int height() {
    return height;
  }

  /** Mask width in pixels. */
  public int width() {
    return width;
  }

  /** A copy of the run lengths. */
  public int[] counts() {
    return decodedRuns().clone();
  }

  /** Number of runs. */
  public int runs() {
    return runCount;
  }

  /** Run length {@code i} without copying. */
  public int count(int i) {
    return decodedRuns()[i];
  }

  /** Encodes a row-major bitmap ({@code mask[y*width+x]}, any non-zero byte is foreground). */
  public static Rle fromBitmap(byte[] mask, int height, int width) {
    if (mask.length != height * width) {
      throw new IllegalArgumentException(
          "bitmap has " + mask.length + " bytes, expected " + height + "*" + width);
    }
    int[] runs = new int[height * width + 1];
    int k = 0;
    int run = 0;
    boolean previous = false;
    for (int x = 0; x < width; x++) {
      for (int y = 0; y < height; y++) {
        boolean on = mask[y * width + x] != 0;
        if (on != previous) {
          runs[k++] = run;
          run = 0;
          previous = on;
        }
        run++;
      }
    }
    runs[k++] = run;
    return new Rle(height, width, Arrays.copyOf(runs, k));
  }

  /** The mask as a row-major bitmap of 0/1 bytes ({@code mask[y*width+x]}). */
  public byte[] toBitmap() {
    int[] counts = decodedRuns();
    byte[] mask = new byte[height * width];
    int p = 0;
    for (int i = 0; i < counts.length; i++) {
      int n = counts[i];
      if ((i & 1) == 1) {
        for (int j = p; j < p + n; j++) {
          mask[(j % height) * width + j / height] = 1;
        }
      }
      p += n;
    }
    return mask;
  }

  /** Foreground pixel count: the sum of the odd-indexed runs (maskApi {@code rleArea}). */
  public long area() {
    return area;
  }

  /**
   * The first foreground pixel's position in column-major order ({@code x*height + y}), 0 for an
   * empty mask. With {@link #foregroundEnd()} it bounds where two masks can overlap, without
   * decoding a compressed mask.
   */
  public long foregroundStart() {
    return start;
  }

  /** One past the last foreground pixel's column-major position, 0 for an empty mask. */
  public long foregroundEnd() {
    return end;
  }

  /**
   * The tight box {@code [x, y, w, h]} as maskApi {@code rleToBbox} computes it: from the first and
   * last pixel of each foreground run; a run crossing a column boundary spans the full height. An
   * empty mask gives {@code [0,0,0,0]}.
   */
  public double[] bbox() {
    int[] counts = decodedRuns();
    int m = (counts.length / 2) * 2;
    if (m == 0) {
      return new double[4];
    }
    // Unsigned 32-bit arithmetic as in maskApi.c, so degenerate empty runs behave identically.
    long h = height & 0xffffffffL;
    long xs = width;
    long ys = height;
    long xe = 0;
    long ye = 0;
    long cc = 0;
    long xp = 0;
    for (int j = 0; j < m; j++) {
      cc = (cc + counts[j]) & 0xffffffffL;
      long t = (cc - (j % 2)) & 0xffffffffL;
      long y = h == 0 ? 0 : t % h;
      long x = h == 0 ? 0 : (t - y) / h;
      if (j % 2 == 0) {
        xp = x;
      } else if (xp < x) {
        ys = 0;
        ye = h - 1;
      }
      xs = Math.min(xs, x);
      xe = Math.max(xe, x);
      ys = Math.min(ys, y);
      ye = Math.max(ye, y);
    }
    return new double[] {xs, ys, xe - xs + 1, ye - ys + 1};
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Rle r
        && r.height == height
        && r.width == width
        && Arrays.equals(r.decodedRuns(), decodedRuns());
  }

  @Override
  public int hashCode() {
    return 31 * (31 * height + width) + Arrays.hashCode(decodedRuns());
  }

  @Override
  public String toString() {
    return "Rle[" + height + "x" + width + ", counts=" + Arrays.toString(decodedRuns()) + "]";
  }
}
