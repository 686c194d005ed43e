package org.mlpvision.datasets.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * mmdet/mmseg {@code Resize}: picks a target scale (one fixed scale; {@code value} mode: one of
 * several uniformly; {@code range} mode: long and short edge drawn independently between two
 * scales; or a ratio of one scale drawn from {@code ratioRange}), then resizes keeping the aspect
 * ratio ({@code f = min(long/longEdge, short/shortEdge)}, size {@code int(x*f+0.5)}) or to the
 * exact size. Images are bilinear, masks and label maps nearest; boxes are scaled and clipped.
 */
public final class Resize implements Transform {
  /** How one scale is chosen from several. */
  public enum Mode {
    VALUE,
    RANGE
  }

  private final List<int[]> scales;
  private final Mode mode;
  private final double[] ratioRange;
  private final boolean keepRatio;

  /**
   * @param scales target scales as {@code {w, h}} pairs (for keep-ratio, the larger number bounds
   *     the long edge and the smaller the short edge)
   * @param mode how to choose among several scales
   * @param ratioRange {@code {min, max}} to multiply a single scale by, or null
   * @param keepRatio keep the aspect ratio (otherwise resize to exactly {@code w x h})
   */
  public Resize(List<int[]> scales, Mode mode, double[] ratioRange, boolean keepRatio) {
    if (scales.isEmpty()) {
      throw new IllegalArgumentException("Resize needs at least one scale");
    }
    if (ratioRange != null && scales.size() != 1) {
      throw new IllegalArgumentException("ratioRange needs exactly one scale");
    }
    if (mode == Mode.RANGE && scales.size() != 2) {
      throw new IllegalArgumentException("range mode needs exactly two scales");
    }
    this.scales = new ArrayList<>(scales);
    this.mode = mode;
    this.ratioRange = ratioRange;
    this.keepRatio = keepRatio;
  }

  /** A single fixed scale, keeping the ratio (the test-time resize, e.g. 1333x800). */
  public static Resize fixed(int w, int h) {
    return new Resize(List.of(new int[] {w, h}), Mode.VALUE, null, true);
  }

  /** Short edge one of {@code shorts}, long edge at most {@code maxLong} ({@code value} mode). */
  public static Resize shortEdges(int maxLong, int... shorts) {
    List<int[]> s = new ArrayList<>();
    for (int v : shorts) {
      s.add(new int[] {maxLong, v});
    }
    return new Resize(s, Mode.VALUE, null, true);
  }

  /** The {@code {w, h}} target scale drawn for one sample. */
  int[] pickScale(Random rnd) {
    if (ratioRange != null) {
      double r = ratioRange[0] + rnd.nextDouble() * (ratioRange[1] - ratioRange[0]);
      return new int[] {(int) (scales.get(0)[0] * r), (int) (scales.get(0)[1] * r)};
    }
    if (scales.size() == 1) {
      return scales.get(0);
    }
    if (mode == Mode.VALUE) {
      return scales.get(rnd.nextInt(scales.size()));
    }
    int[] a = scales.get(0);
    int[] b = scales.get(1);
    int longLo = Math.min(Math.max(a[0], a[1]), Math.max(b[0], b[1]));
    int longHi = Math.max(Math.max(a[0], a[1]), Math.max(b[0], b[1]));
    int shortLo = Math.min(Math.min(a[0], a[1]), Math.min(b[0], b[1]));
    int shortHi = Math.max(Math.min(a[0], a[1]), Math.min(b[0], b[1]));
    return new int[] {
      longLo + rnd.nextInt(longHi - longLo + 1), shortLo + rnd.nextInt(shortHi - shortLo + 1)
    };
  }

  /**
   * mmcv {@code rescale_size}: the {@code {w, h}} of a {@code w x h} image rescaled to fit {@code
   * scale} keeping its ratio.
   */
  public static int[] rescaledSize(int w, int h, int[] scale) {
    double longEdge = Math.max(scale[0], scale[1]);
    double shortEdge = Math.min(scale[0], scale[1]);
    double f = Math.min(longEdge / Math.max(h, w), shortEdge / Math.min(h, w));
    return new int[] {(int) (w * f + 0.5), (int) (h * f + 0.5)};
  }

  @Override
  public boolean apply(Sample s, Random rnd) {
    int[] scale = pickScale(rnd);
    int w = s.width();
    int h = s.height();
    int[] size = keepRatio ? rescaledSize(w, h, scale) : scale;
    resizeTo(s, size[0], size[1]);
    return true;
  }

  /** Resizes every part of {@code s} to exactly {@code nw x nh} and records the scale factors. */
  static void resizeTo(Sample s, int nw, int nh) {
    int w = s.width();
    int h = s.height();
    double sw = (double) nw / w;
    double sh = (double) nh / h;
    Size size = new Size(nw, nh);
    if (nw != w || nh != h) {
      s.setImage(resized(s.image(), size, Imgproc.INTER_LINEAR));
      if (s.labelMap() != null) {
        s.setLabelMap(resized(s.labelMap(), size, Imgproc.INTER_NEAREST));
      }
      if (s.masks() != null) {
        List<Mat> out = new ArrayList<>();
        for (Mat m : s.masks()) {
          out.add(resized(m, size, Imgproc.INTER_NEAREST));
        }
        s.setMasks(out);
      }
    }
    s.setBoxes(Boxes.scaleAndClip(s.boxes(), sw, sh, nw, nh), s.labels());
    s.setIgnoreBoxes(Boxes.scaleAndClip(s.ignoreBoxes(), sw, sh, nw, nh));
    if (s.polygons() != null) {
      s.setPolygons(Boxes.scalePolygons(s.polygons(), sw, sh));
    }
    s.setMeta(s.meta().resized(nh, nw, sw, sh));
  }

  private static Mat resized(Mat src, Size size, int interpolation) {
    Mat dst = new Mat();
    Imgproc.resize(src, dst, size, 0, 0, interpolation);
    return dst;
  }
}
