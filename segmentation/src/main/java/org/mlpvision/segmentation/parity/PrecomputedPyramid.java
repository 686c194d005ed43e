package org.mlpvision.segmentation.parity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlpvision.backbone.Backbone;
import org.mlpvision.backbone.FeatureMaps;
import org.mlpvision.backbone.FeatureSpec;
import org.mlpvision.nn.Layer;
import org.mlpvision.segmentation.inference.Window;

/**
 * A backbone that returns stored feature pyramids instead of computing them, as the golden cases'
 * reference ({@code PrecomputedPyramid}) does: one pyramid per window of the input image. It is fed
 * a {@linkplain #coordinateImage coordinate image} (channel 0 holds each pixel's row, channel 1 its
 * column), so the top-left pixel of any crop names the window it came from; {@link #extract} then
 * returns that window's pyramid after checking the crop's size. So the segmentor's own whole and
 * sliding-window code runs unchanged on the reference features.
 */
public final class PrecomputedPyramid extends Layer implements Backbone {
  private final List<FeatureSpec> specs;
  private final Map<List<Integer>, Entry> byOrigin = new LinkedHashMap<>();

  private record Entry(Window window, FeatureMaps features) {}

  /**
   * @param specs the levels (channels and strides), in order
   * @param windows the window of each pyramid
   * @param pyramids one pyramid per window, levels in the order of {@code specs}
   */
  public PrecomputedPyramid(
      List<FeatureSpec> specs, List<Window> windows, List<FeatureMaps> pyramids) {
    if (windows.size() != pyramids.size()) {
      throw new IllegalArgumentException(
          windows.size() + " windows but " + pyramids.size() + " pyramids");
    }
    this.specs = List.copyOf(specs);
    for (int i = 0; i < windows.size(); i++) {
      Window w = windows.get(i);
      if (byOrigin.put(List.of(w.y1(), w.x1()), new Entry(w, pyramids.get(i))) != null) {
        throw new IllegalArgumentException("two windows start at " + w);
      }
    }
  }

  /**
   * An {@code (n, 3, h, w)} image whose channel 0 is each pixel's row index and channel 1 its
   * column index (channel 2 is 0), on {@code like}'s manager and device.
   */
  public static NDArray coordinateImage(NDArray like, int n, int h, int w) {
    float[] v = new float[n * 3 * h * w];
    int plane = h * w;
    for (int b = 0; b < n; b++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          v[b * 3 * plane + y * w + x] = y;
          v[b * 3 * plane + plane + y * w + x] = x;
        }
      }
    }
    return like.getManager().create(v, new Shape(n, 3, h, w)).toDevice(like.getDevice(), false);
  }

  @Override
  public List<FeatureSpec> outputShapes() {
    return specs;
  }

  @Override
  public FeatureMaps extract(ParameterStore ps, NDArray images, boolean training) {
    int y = Math.round(images.get(0, 0, 0, 0).getFloat());
    int x = Math.round(images.get(0, 1, 0, 0).getFloat());
    Entry e = byOrigin.get(List.of(y, x));
    Shape s = images.getShape();
    if (e == null) {
      throw new IllegalArgumentException(
          "no stored pyramid for a crop at row "
              + y
              + ", column "
              + x
              + "; stored: "
              + byOrigin.keySet());
    }
    long n = e.features().maps().values().iterator().next().getShape().get(0);
    if (s.get(0) != n || s.get(2) != e.window().height() || s.get(3) != e.window().width()) {
      throw new IllegalArgumentException(
          "the crop at "
              + e.window()
              + " has shape "
              + s
              + ", the stored pyramid is for "
              + n
              + " images of "
              + e.window().height()
              + "x"
              + e.window().width());
    }
    return e.features();
  }

  @Override
  public List<long[]> outputSizes(long height, long width) {
    List<long[]> out = new ArrayList<>();
    for (NDArray a : byOrigin.values().iterator().next().features().maps().values()) {
      out.add(new long[] {a.getShape().get(2), a.getShape().get(3)});
    }
    return out;
  }

  @Override
  public long macs(long height, long width) {
    return 0;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return extract(ps, inputs.singletonOrThrow(), training).toNDList();
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape[] out = new Shape[specs.size()];
    int i = 0;
    for (NDArray a : byOrigin.values().iterator().next().features().maps().values()) {
      out[i++] = a.getShape();
    }
    return out;
  }
}
