package org.mlpvision.segmentation.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * mmseg's {@code slide_inference} without the model: the logits of every window, each already at
 * the window's size, are added into a full-size sum, and every pixel is divided by the number of
 * windows covering it (mmseg's {@code count_mat}).
 */
public final class SlideInference {
  /** The logits of one window, mmseg's {@code encode_decode} of the crop. */
  @FunctionalInterface
  public interface WindowLogits {
    /**
     * @param window the window
     * @param scope the manager for every temporary of this window (closed after it is added)
     * @return {@code (N, K, window.height(), window.width())} logits
     */
    NDArray apply(Window window, NDManager scope);
  }

  private SlideInference() {}

  /**
   * Averages the windows' logits over an {@code h × w} image.
   *
   * @param windows the windows, covering every pixel ({@link Window#grid})
   * @param manager holds the result
   * @return {@code (N, K, h, w)}
   */
  public static NDArray stitch(
      List<Window> windows, int h, int w, WindowLogits logits, NDManager manager) {
    for (Window win : windows) {
      if (win.y1() < 0
          || win.x1() < 0
          || win.y2() > h
          || win.x2() > w
          || win.height() < 1
          || win.width() < 1) {
        throw new IllegalArgumentException("window " + win + " is not inside " + h + "x" + w);
      }
    }
    NDArray sum = null;
    for (Window win : windows) {
      try (NDManager scope = manager.newSubManager()) {
        NDArray part = logits.apply(win, scope);
        Shape s = part.getShape();
        if (s.dimension() != 4 || s.get(2) != win.height() || s.get(3) != win.width()) {
          throw new IllegalStateException(
              "window " + win + " gave logits of shape " + s + ", expected (N, K, h, w)");
        }
        if (sum == null) {
          sum = manager.zeros(new Shape(s.get(0), s.get(1), h, w), part.getDataType());
          sum = sum.toDevice(part.getDevice(), false);
        }
        NDIndex at = new NDIndex(":, :, {}:{}, {}:{}", win.y1(), win.y2(), win.x1(), win.x2());
        NDArray current = sum.get(at);
        current.attach(scope);
        sum.set(at, current.add(part));
      }
    }
    if (sum == null) {
      throw new IllegalArgumentException("no windows");
    }
    float[] cover = new float[h * w];
    for (Window win : windows) {
      for (int y = win.y1(); y < win.y2(); y++) {
        for (int x = win.x1(); x < win.x2(); x++) {
          cover[y * w + x]++;
        }
      }
    }
    for (int i = 0; i < cover.length; i++) {
      if (cover[i] == 0) {
        throw new IllegalArgumentException(
            "the windows leave pixel (" + i / w + ", " + i % w + ") uncovered");
      }
    }
    NDArray count =
        manager
            .create(cover, new Shape(1, 1, h, w))
            .toType(sum.getDataType(), false)
            .toDevice(sum.getDevice(), false);
    return sum.div(count);
  }
}
