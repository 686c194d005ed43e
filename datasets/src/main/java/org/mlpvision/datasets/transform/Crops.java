package org.mlpvision.datasets.transform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

/** Cropping every part of a sample to one rectangle; shared by the crop transforms. */
final class Crops {
  private Crops() {}

  /**
   * Crops {@code s} to {@code [x, x+w) x [y, y+h)}: boxes shifted and clipped; with {@code
   * dropEmpty}, boxes (with their masks) left with zero width or height are removed.
   */
  static void crop(Sample s, int x, int y, int w, int h, boolean dropEmpty) {
    Rect r = new Rect(x, y, w, h);
    s.setImage(cropped(s.image(), r));
    if (s.labelMap() != null) {
      s.setLabelMap(cropped(s.labelMap(), r));
    }
    float[] b = s.boxes();
    int n = s.labels().length;
    float[] nb = new float[b.length];
    int[] nl = new int[n];
    List<Integer> keep = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float x1 = Boxes.clip(b[4 * i] - x, w);
      float y1 = Boxes.clip(b[4 * i + 1] - y, h);
      float x2 = Boxes.clip(b[4 * i + 2] - x, w);
      float y2 = Boxes.clip(b[4 * i + 3] - y, h);
      if (dropEmpty && !(x2 > x1 && y2 > y1)) {
        continue;
      }
      int k = keep.size();
      nb[4 * k] = x1;
      nb[4 * k + 1] = y1;
      nb[4 * k + 2] = x2;
      nb[4 * k + 3] = y2;
      nl[k] = s.labels()[i];
      keep.add(i);
    }
    int k = keep.size();
    s.setBoxes(Arrays.copyOf(nb, 4 * k), Arrays.copyOf(nl, k));
    float[] ig = s.ignoreBoxes();
    float[] nig = new float[ig.length];
    int keptIgnore = 0;
    for (int i = 0; i < ig.length; i += 4) {
      float x1 = Boxes.clip(ig[i] - x, w);
      float y1 = Boxes.clip(ig[i + 1] - y, h);
      float x2 = Boxes.clip(ig[i + 2] - x, w);
      float y2 = Boxes.clip(ig[i + 3] - y, h);
      // mmdet filters every bbox field alike, crowd boxes included.
      if (dropEmpty && !(x2 > x1 && y2 > y1)) {
        continue;
      }
      nig[4 * keptIgnore] = x1;
      nig[4 * keptIgnore + 1] = y1;
      nig[4 * keptIgnore + 2] = x2;
      nig[4 * keptIgnore + 3] = y2;
      keptIgnore++;
    }
    nig = Arrays.copyOf(nig, 4 * keptIgnore);
    s.setIgnoreBoxes(nig);
    if (s.masks() != null) {
      List<Mat> out = new ArrayList<>();
      for (int i : keep) {
        out.add(cropped(s.masks().get(i), r));
      }
      s.setMasks(out);
    }
    if (s.polygons() != null) {
      List<List<double[]>> kept = new ArrayList<>();
      for (int i : keep) {
        kept.add(s.polygons().get(i));
      }
      s.setPolygons(Boxes.shiftPolygons(kept, x, y));
    }
    s.setMeta(s.meta().cropped(x, y, h, w));
  }

  private static Mat cropped(Mat m, Rect r) {
    Mat view = m.submat(r);
    Mat out = view.clone();
    view.release();
    return out;
  }
}
