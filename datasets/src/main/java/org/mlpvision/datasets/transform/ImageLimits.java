package org.mlpvision.datasets.transform;

/**
 * The decompression-bomb guard of every image read, as Pillow's {@code Image.MAX_IMAGE_PIXELS}: an
 * image of more than {@link #maxPixels()} pixels is read with a warning, one of more than twice
 * that is refused before it is decoded. The default is Pillow's, 89,478,485 pixels (a 3-channel
 * 8-bit image of 256 MiB, about 9459 × 9459), so 178,956,970 is the largest image read. Set it for
 * the whole process with {@link #setMaxPixels} or the system property {@value #PROPERTY}.
 */
public final class ImageLimits {
  /** The system property that sets {@link #maxPixels()} at start-up. */
  public static final String PROPERTY = "mlpvision.max_image_pixels";

  /** Pillow's {@code MAX_IMAGE_PIXELS}: {@code 1024 * 1024 * 1024 // 4 // 3}. */
  public static final long DEFAULT_MAX_PIXELS = 1024L * 1024 * 1024 / 4 / 3;

  private static volatile long maxPixels = Long.getLong(PROPERTY, DEFAULT_MAX_PIXELS);

  /** What a read of an image of a given size does. */
  public enum Verdict {
    /** Within the limit. */
    READ,
    /** Above the limit, at most twice it: read, with a warning. */
    WARN,
    /** Above twice the limit: refused before decoding. */
    REFUSE
  }

  private ImageLimits() {}

  /** The warning threshold in pixels; twice it is the largest image read. */
  public static long maxPixels() {
    return maxPixels;
  }

  /** Sets the warning threshold for the whole process (at least 1). */
  public static void setMaxPixels(long pixels) {
    if (pixels < 1) {
      throw new IllegalArgumentException("the image pixel limit must be at least 1, got " + pixels);
    }
    maxPixels = pixels;
  }

  /** The verdict for an image of {@code pixels} pixels. */
  public static Verdict verdict(long pixels) {
    long limit = maxPixels;
    if (pixels > 2 * limit || pixels < 0) {
      return Verdict.REFUSE;
    }
    return pixels > limit ? Verdict.WARN : Verdict.READ;
  }
}
