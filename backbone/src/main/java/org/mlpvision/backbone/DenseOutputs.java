package org.mlpvision.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import org.mlpvision.nn.UnaryLayer;

/**
 * The output side shared by the dense backbones: of the four stage outputs, those named in {@code
 * out_features}, each through its own output norm, at the strides the trunk gives. It is a helper
 * rather than a base class because each backbone already extends its architecture's trunk; the
 * norms stay children of the backbone so that their state-dict names do not change.
 */
public final class DenseOutputs {
  private final List<String> outFeatures;
  private final IntUnaryOperator channels;
  private final IntUnaryOperator strides;
  private final List<? extends UnaryLayer> norms;

  /**
   * Outputs for a backbone whose norms are already registered as its children.
   *
   * @param outFeatures stage names to return, subset of {@link BackboneConfigs#STAGES}
   * @param channels channels of stage i (0-based)
   * @param strides stride of stage i relative to the input, as the trunk's stem and downsamplings
   *     make it
   * @param norms the output norm of each of the four stages
   */
  public DenseOutputs(
      List<String> outFeatures,
      IntUnaryOperator channels,
      IntUnaryOperator strides,
      List<? extends UnaryLayer> norms) {
    this.outFeatures = List.copyOf(outFeatures);
    this.channels = channels;
    this.strides = strides;
    this.norms = List.copyOf(norms);
  }

  private boolean selected(int stage) {
    return outFeatures.contains(BackboneConfigs.STAGES.get(stage));
  }

  /** The selected outputs in stage order, for {@link Backbone#outputShapes()}. */
  public List<FeatureSpec> specs() {
    List<FeatureSpec> specs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      if (selected(i)) {
        specs.add(
            new FeatureSpec(
                BackboneConfigs.STAGES.get(i), channels.applyAsInt(i), strides.applyAsInt(i)));
      }
    }
    return specs;
  }

  /** The selected stage outputs, each through its norm, for {@link Backbone#extract}. */
  public FeatureMaps extract(ParameterStore ps, List<NDArray> stageOutputs, boolean training) {
    Map<String, NDArray> maps = new LinkedHashMap<>();
    for (int i = 0; i < 4; i++) {
      if (selected(i)) {
        maps.put(
            BackboneConfigs.STAGES.get(i), norms.get(i).apply(ps, stageOutputs.get(i), training));
      }
    }
    return new FeatureMaps(maps);
  }

  /** The selected entries of the four stage sizes, for {@link Backbone#outputSizes}. */
  public List<long[]> sizes(List<long[]> stageSizes) {
    List<long[]> sizes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      if (selected(i)) {
        sizes.add(stageSizes.get(i));
      }
    }
    return sizes;
  }

  /** NCHW output shapes for an NCHW input whose four stage sizes are {@code stageSizes}. */
  public Shape[] shapes(Shape input, List<long[]> stageSizes) {
    List<long[]> sizes = sizes(stageSizes);
    List<FeatureSpec> specs = specs();
    Shape[] out = new Shape[specs.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = new Shape(input.get(0), specs.get(i).channels(), sizes.get(i)[0], sizes.get(i)[1]);
    }
    return out;
  }
}
