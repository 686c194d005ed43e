package org.mlpvision.datasets.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/**
 * Pads at the bottom and right, to a multiple of {@code divisor} (mmdet, 32) or to a fixed size
 * (mmseg, 512x512): the image with 0, instance masks with 0, the label map with 255.
 */
public final class Pad implements Transform {
  private final int divisor;
  private final int height;
  private final int width;
  private final int labelPadValue;
  private final boolean shapeOnly;

  private Pad(int divisor, int height, int width, int labelPadValue, boolean shapeOnly) {
    this.divisor = divisor;
    this.height = height;
    this.width = width;
    this.labelPadValue = labelPadValue;
    this.shapeOnly = shapeOnly;
  }

  /**
   * Records the pad shape of a multiple of {@code divisor} without copying pixels: for pipelines
   * whose collation pads (see {@code HostBatch.collate} with a fused {@link Normalize}).
   */
  public static Pad shapeOnly(int divisor) {
    if (divisor < 1) {
      throw new IllegalArgumentException("pad divisor must be >= 1, got " + divisor);
    }
    return new Pad(divisor, 0, 0, 255, true);
  }

  /** Pads to a multiple of {@code divisor}. */
  public static Pad toDivisor(int divisor) {
    if (divisor < 1) {
      throw new IllegalArgumentException("pad divisor must be >= 1, got " + divisor);
    }
    return new Pad(divisor, 0, 0, 255, false);
  }

  /** Pads to at least {@code h x w} (larger images are left as they are). */
  public static Pad toSize(int h, int w) {
    return new Pad(1, h, w, 255, false);
  }

  /** Smallest multiple of {@code d} that is at least {@code v}. */
  public static int roundUp(int v, int d) {
    return (v + d - 1) / d * d;
  }

  @Override
  public boolean apply(Sample s, Random rnd) {
    int h = roundUp(Math.max(s.height(), height), divisor);
    int w = roundUp(Math.max(s.width(), width), divisor);
    int bottom = h - s.height();
    int right = w - s.width();
    if (!shapeOnly && (bottom > 0 || right > 0)) {
      s.setImage(padded(s.image(), bottom, right, 0));
      if (s.labelMap() != null) {
        s.setLabelMap(padded(s.labelMap(), bottom, right, labelPadValue));
      }
      if (s.masks() != null) {
        List<Mat> out = new ArrayList<>();
        for (Mat m : s.masks()) {
          out.add(padded(m, bottom, right, 0));
        }
        s.setMasks(out);
      }
    }
    s.setMeta(s.meta().padded(h, w));
    return true;
  }

  private static Mat padded(Mat m, int bottom, int right, double value) {
    Mat out = new Mat();
    Core.copyMakeBorder(m, out, 0, bottom, 0, right, Core.BORDER_CONSTANT, Scalar.all(value));
    return out;
  }
}
