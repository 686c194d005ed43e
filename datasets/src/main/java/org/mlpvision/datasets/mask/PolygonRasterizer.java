package org.mlpvision.datasets.mask;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Polygon and box rasterization exactly as pycocotools ({@code rleFrPoly}, {@code rleFrBbox} in
 * maskApi.c), not as OpenCV's {@code fillPoly}: vertices are scaled by 5 and rounded, the edges are
 * walked densely at that resolution, and the crossings of pixel-centre columns become run
 * boundaries. Areas therefore equal pycocotools' pixel for pixel.
 *
 * <p>Coordinates are 0-indexed pixel corners: box {@code [0,0,1,1]} covers the first pixel.
 */
public final class PolygonRasterizer {
  private static final double SCALE = 5;

  private PolygonRasterizer() {}

  /**
   * Rasterizes one polygon given as flat {@code [x1,y1,x2,y2,...]}; a trailing odd coordinate is
   * ignored, as in pycocotools.
   */
  public static Rle polygon(double[] xy, int height, int width) {
    int k = xy.length / 2;
    if (k == 0) {
      return new Rle(height, width, new int[] {height * width});
    }
    int[] x = new int[k + 1];
    int[] y = new int[k + 1];
    for (int j = 0; j < k; j++) {
      x[j] = (int) (SCALE * xy[2 * j] + .5);
      y[j] = (int) (SCALE * xy[2 * j + 1] + .5);
    }
    x[k] = x[0];
    y[k] = y[0];
    // Dense boundary at 5x resolution.
    long total = 0;
    for (int j = 0; j < k; j++) {
      total += Math.max(Math.abs((long) x[j] - x[j + 1]), Math.abs((long) y[j] - y[j + 1])) + 1;
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("polygon too large to rasterize: " + total + " steps");
    }
    int[] u = new int[(int) total];
    int[] v = new int[(int) total];
    int m = 0;
    for (int j = 0; j < k; j++) {
      int xs = x[j];
      int xe = x[j + 1];
      int ys = y[j];
      int ye = y[j + 1];
      int dx = Math.abs(xe - xs);
      int dy = Math.abs(ys - ye);
      boolean flip = (dx >= dy && xs > xe) || (dx < dy && ys > ye);
      if (flip) {
        int t = xs;
        xs = xe;
        xe = t;
        t = ys;
        ys = ye;
        ye = t;
      }
      double s = dx >= dy ? (double) (ye - ys) / dx : (double) (xe - xs) / dy;
      if (dx >= dy) {
        for (int d = 0; d <= dx; d++) {
          int t = flip ? dx - d : d;
          u[m] = t + xs;
          v[m] = (int) (ys + s * t + .5);
          m++;
        }
      } else {
        for (int d = 0; d <= dy; d++) {
          int t = flip ? dy - d : d;
          v[m] = t + ys;
          u[m] = (int) (xs + s * t + .5);
          m++;
        }
      }
    }
    // Keep the points where the walk crosses a pixel-centre column, back at pixel resolution.
    long[] boundary = new long[m + 1];
    int n = 0;
    for (int j = 1; j < m; j++) {
      if (u[j] == u[j - 1]) {
        continue;
      }
      double xd = u[j] < u[j - 1] ? u[j] : u[j] - 1;
      xd = (xd + .5) / SCALE - .5;
      if (Math.floor(xd) != xd || xd < 0 || xd > width - 1) {
        continue;
      }
      double yd = Math.min(v[j], v[j - 1]);
      yd = (yd + .5) / SCALE - .5;
      if (yd < 0) {
        yd = 0;
      } else if (yd > height) {
        yd = height;
      }
      yd = Math.ceil(yd);
      // uint arithmetic in maskApi.c; the values here are non-negative and below h*w+h.
      boundary[n++] = (long) (int) xd * height + (int) yd;
    }
    boundary[n++] = (long) height * width;
    long[] a = Arrays.copyOf(boundary, n);
    Arrays.sort(a);
    long previous = 0;
    for (int j = 0; j < n; j++) {
      long t = a[j];
      a[j] -= previous;
      previous = t;
    }
    // Equal crossings cancel: a zero-length run merges its neighbours.
    int[] b = new int[n];
    int j = 0;
    int out = 0;
    b[out++] = (int) a[j++];
    while (j < n) {
      if (a[j] > 0) {
        b[out++] = (int) a[j++];
      } else {
        j++;
        if (j < n) {
          b[out - 1] += (int) a[j++];
        }
      }
    }
    return new Rle(height, width, Arrays.copyOf(b, out));
  }

  /** Rasterizes box {@code [x, y, w, h]} through its corner polygon, as {@code rleFrBbox}. */
  public static Rle box(double[] xywh, int height, int width) {
    double xs = xywh[0];
    double ys = xywh[1];
    double xe = xs + xywh[2];
    double ye = ys + xywh[3];
    return polygon(new double[] {xs, ys, xs, ye, xe, ye, xe, ys}, height, width);
  }

  /** Rasterizes several polygons of one object and unions them, as {@code annToRLE} does. */
  public static Rle polygons(Iterable<double[]> polygons, int height, int width) {
    List<Rle> parts = new ArrayList<>();
    for (double[] p : polygons) {
      parts.add(polygon(p, height, width));
    }
    return parts.isEmpty()
        ? new Rle(height, width, new int[] {height * width})
        : RleOps.merge(parts, false);
  }
}
