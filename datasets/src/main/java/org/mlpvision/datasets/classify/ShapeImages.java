package org.mlpvision.datasets.classify;

import java.util.Random;

/**
 * One split of the synthetic set, held in memory as 8-bit RGB (channels first). Image {@code i}
 * depends only on the seed, the split and {@code i}: each shape class appears equally often, with a
 * random colour, position, size and rotation on a random noisy background.
 */
public final class ShapeImages {
  /** The two splits. */
  public enum Split {
    TRAIN,
    VAL
  }

  private final int size;
  private final byte[] pixels;
  private final int[] labels;

  private ShapeImages(int size, byte[] pixels, int[] labels) {
    this.size = size;
    this.pixels = pixels;
    this.labels = labels;
  }

  /** Draws the split described by {@code spec}. */
  public static ShapeImages generate(ShapesSpec spec, Split split) {
    int n = split == Split.TRAIN ? spec.trainSize() : spec.valSize();
    int s = spec.imageSize();
    byte[] px = new byte[n * 3 * s * s];
    int[] labels = new int[n];
    ShapeClass[] classes = ShapeClass.values();
    for (int i = 0; i < n; i++) {
      Random r = new Random(spec.seed() * 0x9E3779B97F4A7C15L + split.ordinal() * 1_000_003L + i);
      labels[i] = i % classes.length;
      draw(classes[labels[i]], s, spec.noise(), r, px, i * 3 * s * s);
    }
    return new ShapeImages(s, px, labels);
  }

  private static void draw(ShapeClass shape, int s, double noise, Random r, byte[] out, int off) {
    // Random colours, but the shape is always the brighter region: dark background channels,
    // light foreground channels, so the class does not hide behind a colour-contrast sign.
    double[] bg = new double[3];
    double[] fg = new double[3];
    for (int c = 0; c < 3; c++) {
      bg[c] = 0.4 * r.nextDouble();
      fg[c] = 0.6 + 0.4 * r.nextDouble();
    }
    double radius = s * (0.25 + 0.17 * r.nextDouble());
    double cx = radius + r.nextDouble() * (s - 2 * radius);
    double cy = radius + r.nextDouble() * (s - 2 * radius);
    double angle = r.nextDouble() * 2 * Math.PI;
    double cos = Math.cos(angle);
    double sin = Math.sin(angle);
    for (int y = 0; y < s; y++) {
      for (int x = 0; x < s; x++) {
        // 2x2 supersampling gives soft edges instead of jagged ones.
        int hits = 0;
        for (int k = 0; k < 4; k++) {
          double dx = x + 0.25 + 0.5 * (k & 1) - cx;
          double dy = y + 0.25 + 0.5 * (k >> 1) - cy;
          double u = dx * cos + dy * sin;
          double v = -dx * sin + dy * cos;
          if (shape.contains(u, v, radius)) {
            hits++;
          }
        }
        double cover = hits / 4.0;
        for (int c = 0; c < 3; c++) {
          double v = cover * fg[c] + (1 - cover) * bg[c] + noise * r.nextGaussian();
          int b = (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
          out[off + c * s * s + y * s + x] = (byte) b;
        }
      }
    }
  }

  /** Number of images. */
  public int count() {
    return labels.length;
  }

  /** Image side in pixels. */
  public int imageSize() {
    return size;
  }

  /** Class index of image {@code i} ({@link ShapeClass} ordinal). */
  public int label(int i) {
    return labels[i];
  }

  /**
   * Writes image {@code i}, normalised to {@code (v/255 - 0.5) / 0.25}, channels first, into {@code
   * dst} at {@code offset}.
   */
  public void copyNormalized(int i, float[] dst, int offset) {
    int len = 3 * size * size;
    int base = i * len;
    for (int k = 0; k < len; k++) {
      dst[offset + k] = ((pixels[base + k] & 0xFF) / 255f - 0.5f) / 0.25f;
    }
  }

  /** The raw 8-bit value of channel {@code c} at {@code (x, y)} of image {@code i}. */
  public int pixel(int i, int c, int y, int x) {
    return pixels[i * 3 * size * size + c * size * size + y * size + x] & 0xFF;
  }
}
