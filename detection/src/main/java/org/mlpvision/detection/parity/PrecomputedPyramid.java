package org.mlpvision.detection.parity;

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

/**
 * A backbone without parameters that returns a stored feature pyramid (the golden cases' {@code
 * PrecomputedPyramid}): the heads of a detector can then be checked on exactly the features the
 * reference saw. Its input must have the batch size and spatial size the features were made for.
 */
public final class PrecomputedPyramid extends Layer implements Backbone {
  private final Map<String, NDArray> features;
  private final List<FeatureSpec> specs;
  private final long inputH;
  private final long inputW;

  /**
   * @param features {@code (N,C,h,w)} maps by name, fine to coarse
   * @param inputH height of the image the maps were computed from
   * @param inputW its width
   * @throws IllegalArgumentException when a map's size does not divide the input's
   */
  public PrecomputedPyramid(Map<String, NDArray> features, long inputH, long inputW) {
    this.features = new LinkedHashMap<>(features);
    this.inputH = inputH;
    this.inputW = inputW;
    List<FeatureSpec> s = new ArrayList<>();
    for (Map.Entry<String, NDArray> e : features.entrySet()) {
      Shape shape = e.getValue().getShape();
      if (shape.dimension() != 4 || inputH % shape.get(2) != 0) {
        throw new IllegalArgumentException(
            "feature " + e.getKey() + " " + shape + " does not divide the input height " + inputH);
      }
      int stride = Math.toIntExact(inputH / shape.get(2));
      if (shape.get(3) * stride != inputW) {
        throw new IllegalArgumentException(
            "feature "
                + e.getKey()
                + " "
                + shape
                + " has stride "
                + stride
                + " in height but not"
                + " in width (input width "
                + inputW
                + ")");
      }
      s.add(new FeatureSpec(e.getKey(), Math.toIntExact(shape.get(1)), stride));
    }
    this.specs = List.copyOf(s);
  }

  @Override
  public List<FeatureSpec> outputShapes() {
    return specs;
  }

  @Override
  public FeatureMaps extract(ParameterStore ps, NDArray images, boolean training) {
    Shape s = images.getShape();
    long n = features.values().iterator().next().getShape().get(0);
    if (s.get(0) != n || s.get(2) != inputH || s.get(3) != inputW) {
      throw new IllegalArgumentException(
          "the stored pyramid is for " + n + " images of " + inputH + "x" + inputW + ", got " + s);
    }
    return new FeatureMaps(features);
  }

  @Override
  public List<long[]> outputSizes(long height, long width) {
    List<long[]> out = new ArrayList<>();
    for (NDArray f : features.values()) {
      out.add(new long[] {f.getShape().get(2), f.getShape().get(3)});
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
    return features.values().stream().map(NDArray::getShape).toArray(Shape[]::new);
  }
}
