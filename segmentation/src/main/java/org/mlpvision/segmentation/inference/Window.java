package org.mlpvision.segmentation.inference;

import java.util.ArrayList;
import java.util.List;

/**
 * One sliding window {@code [y1, y2) × [x1, x2)} of an image.
 *
 * @param y1 top row
 * @param y2 bottom row, exclusive
 * @param x1 left column
 * @param x2 right column, exclusive
 */
public record Window(int y1, int y2, int x1, int x2) {
  /** Height. */
  public int height() {
    return y2 - y1;
  }

  /** Width. */
  public int width() {
    return x2 - x1;
  }

  /**
   * mmseg's {@code slide_inference} grid over an {@code h × w} image, in h-major order: {@code
   * grids = max(size - crop + stride - 1, 0) / stride + 1} per axis; window {@code i} starts at
   * {@code i·stride}, ends at {@code min(start + crop, size)} and is pulled back to start at {@code
   * max(end - crop, 0)}, so every window has the size {@code min(crop, size)} and the last one
   * touches the border.
   */
  public static List<Window> grid(int h, int w, int cropH, int cropW, int strideH, int strideW) {
    if (h < 1 || w < 1 || cropH < 1 || cropW < 1 || strideH < 1 || strideW < 1) {
      throw new IllegalArgumentException(
          "bad slide grid: image "
              + h
              + "x"
              + w
              + ", crop "
              + cropH
              + "x"
              + cropW
              + ", stride "
              + strideH
              + "x"
              + strideW);
    }
    int[][] ys = spans(h, cropH, strideH);
    int[][] xs = spans(w, cropW, strideW);
    List<Window> out = new ArrayList<>(ys.length * xs.length);
    for (int[] y : ys) {
      for (int[] x : xs) {
        out.add(new Window(y[0], y[1], x[0], x[1]));
      }
    }
    return out;
  }

  private static int[][] spans(int size, int crop, int stride) {
    int grids = Math.max(size - crop + stride - 1, 0) / stride + 1;
    int[][] out = new int[grids][];
    for (int i = 0; i < grids; i++) {
      int end = Math.min(i * stride + crop, size);
      out[i] = new int[] {Math.max(end - crop, 0), end};
    }
    return out;
  }
}
