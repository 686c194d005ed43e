package org.mlpvision.datasets.transform;

import java.util.ArrayList;
import java.util.List;

/** Box and polygon arithmetic shared by the geometric transforms (xyxy rows, no +1). */
final class Boxes {
  private Boxes() {}

  /** Scales x by {@code sw} and y by {@code sh}, then clips to {@code [0,w] x [0,h]}. */
  static float[] scaleAndClip(float[] boxes, double sw, double sh, int w, int h) {
    float[] out = new float[boxes.length];
    for (int i = 0; i < boxes.length; i += 4) {
      out[i] = clip((float) (boxes[i] * sw), w);
      out[i + 1] = clip((float) (boxes[i + 1] * sh), h);
      out[i + 2] = clip((float) (boxes[i + 2] * sw), w);
      out[i + 3] = clip((float) (boxes[i + 3] * sh), h);
    }
    return out;
  }

  /** Horizontal flip in an image of width {@code w}: {@code x1' = w - x2}, {@code x2' = w - x1}. */
  static float[] flip(float[] boxes, int w) {
    float[] out = boxes.clone();
    for (int i = 0; i < boxes.length; i += 4) {
      out[i] = w - boxes[i + 2];
      out[i + 2] = w - boxes[i];
    }
    return out;
  }

  static float clip(float v, int max) {
    return Math.max(0, Math.min(max, v));
  }

  static List<List<double[]>> scalePolygons(List<List<double[]>> polys, double sw, double sh) {
    List<List<double[]>> out = new ArrayList<>(polys.size());
    for (List<double[]> inst : polys) {
      List<double[]> o = new ArrayList<>(inst.size());
      for (double[] p : inst) {
        double[] q = new double[p.length];
        for (int i = 0; i + 1 < p.length; i += 2) {
          q[i] = p[i] * sw;
          q[i + 1] = p[i + 1] * sh;
        }
        o.add(q);
      }
      out.add(o);
    }
    return out;
  }

  /** Polygons flipped in an image of width {@code w} ({@code x' = w - x}, as mmdet). */
  static List<List<double[]>> flipPolygons(List<List<double[]>> polys, int w) {
    List<List<double[]>> out = new ArrayList<>(polys.size());
    for (List<double[]> inst : polys) {
      List<double[]> o = new ArrayList<>(inst.size());
      for (double[] p : inst) {
        double[] q = p.clone();
        for (int i = 0; i < p.length; i += 2) {
          q[i] = w - p[i];
        }
        o.add(q);
      }
      out.add(o);
    }
    return out;
  }

  /** Polygons shifted by {@code (-dx, -dy)} (a crop; mmdet keeps points outside the crop). */
  static List<List<double[]>> shiftPolygons(List<List<double[]>> polys, double dx, double dy) {
    List<List<double[]>> out = new ArrayList<>(polys.size());
    for (List<double[]> inst : polys) {
      List<double[]> o = new ArrayList<>(inst.size());
      for (double[] p : inst) {
        double[] q = p.clone();
        for (int i = 0; i + 1 < p.length; i += 2) {
          q[i] -= dx;
          q[i + 1] -= dy;
        }
        o.add(q);
      }
      out.add(o);
    }
    return out;
  }
}
