package org.mlpvision.datasets.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.opencv.core.Core;
import org.opencv.core.Mat;

/** Horizontal flip with probability {@code p} (image, boxes, masks, polygons, label map). */
public final class RandomFlip implements Transform {
  private final double p;

  /**
   * @param p flip probability in [0, 1]
   */
  public RandomFlip(double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("flip probability must be in [0,1], got " + p);
    }
    this.p = p;
  }

  @Override
  public boolean apply(Sample s, Random rnd) {
    if (p > 0 && rnd.nextDouble() < p) {
      flip(s);
    }
    return true;
  }

  /** Flips {@code s} horizontally and records it. */
  public static void flip(Sample s) {
    int w = s.width();
    s.setImage(flipped(s.image()));
    if (s.labelMap() != null) {
      s.setLabelMap(flipped(s.labelMap()));
    }
    if (s.masks() != null) {
      List<Mat> out = new ArrayList<>();
      for (Mat m : s.masks()) {
        out.add(flipped(m));
      }
      s.setMasks(out);
    }
    s.setBoxes(Boxes.flip(s.boxes(), w), s.labels());
    s.setIgnoreBoxes(Boxes.flip(s.ignoreBoxes(), w));
    if (s.polygons() != null) {
      s.setPolygons(Boxes.flipPolygons(s.polygons(), w));
    }
    s.setMeta(s.meta().flippedMeta());
  }

  private static Mat flipped(Mat m) {
    Mat out = new Mat();
    Core.flip(m, out, 1);
    return out;
  }
}
