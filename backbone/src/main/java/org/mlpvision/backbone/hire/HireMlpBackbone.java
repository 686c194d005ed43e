package org.mlpvision.backbone.hire;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlpvision.backbone.Backbone;
import org.mlpvision.backbone.BackboneConfigs;
import org.mlpvision.backbone.FeatureMaps;
import org.mlpvision.backbone.FeatureSpec;
import org.mlpvision.backbone.nn.BatchNorm2d;
import org.mlpvision.backbone.nn.Module;

/**
 * Hire-MLP as a dense backbone (official mmseg {@code HireMLPNet}): the stage outputs before each
 * downsampling, each through its own BatchNorm ({@code norm0, norm2, norm4, norm6}), at strides 4,
 * 8, 16, 32. Options: which outputs to return, frozen stages, BatchNorm kept in eval mode.
 */
public final class HireMlpBackbone extends HireMlpTrunk implements Backbone {
  private final List<BatchNorm2d> outNorms = new ArrayList<>();

  /** Builds the backbone (parameters are allocated on {@code initialize}). */
  public HireMlpBackbone(HireMlpConfig config) {
    super(config);
    for (int i = 0; i < 4; i++) {
      outNorms.add(addChildBlock("norm" + (2 * i), new BatchNorm2d(config.embedDims().get(i))));
    }
    if (config.normEval()) {
      getChildren().values().forEach(HireMlpBackbone::freezeStats);
    }
    for (Module m : frozenParts(config.frozenStages())) {
      for (Parameter p : m.getParameters().values()) {
        p.freeze(true);
      }
    }
  }

  private static void freezeStats(ai.djl.nn.Block b) {
    if (b instanceof BatchNorm2d bn) {
      bn.setStatsFrozen(true);
    }
    b.getChildren().values().forEach(HireMlpBackbone::freezeStats);
  }

  @Override
  public List<FeatureSpec> outputShapes() {
    List<FeatureSpec> specs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String name = BackboneConfigs.STAGES.get(i);
      if (config.outFeatures().contains(name)) {
        specs.add(new FeatureSpec(name, config.embedDims().get(i), 4 << i));
      }
    }
    return specs;
  }

  @Override
  public FeatureMaps extract(ParameterStore ps, NDArray images, boolean training) {
    List<NDArray> outs = stageOutputs(ps, images, training, config.frozenStages());
    Map<String, NDArray> maps = new LinkedHashMap<>();
    for (int i = 0; i < 4; i++) {
      String name = BackboneConfigs.STAGES.get(i);
      if (config.outFeatures().contains(name)) {
        maps.put(name, outNorms.get(i).apply(ps, outs.get(i), training));
      }
    }
    return new FeatureMaps(maps);
  }

  @Override
  protected NDArray compute(ParameterStore ps, NDArray x, boolean training) {
    throw new UnsupportedOperationException("a backbone has several outputs; use extract");
  }

  @Override
  protected ai.djl.ndarray.NDList forwardInternal(
      ParameterStore ps,
      ai.djl.ndarray.NDList inputs,
      boolean training,
      ai.djl.util.PairList<String, Object> params) {
    return extract(ps, inputs.singletonOrThrow(), training).toNDList();
  }

  @Override
  public List<long[]> outputSizes(long height, long width) {
    List<long[]> all = stageSizes(height, width);
    List<long[]> sizes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      if (config.outFeatures().contains(BackboneConfigs.STAGES.get(i))) {
        sizes.add(all.get(i));
      }
    }
    return sizes;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    List<long[]> sizes = outputSizes(in.get(2), in.get(3));
    List<FeatureSpec> specs = outputShapes();
    Shape[] out = new Shape[specs.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = new Shape(in.get(0), specs.get(i).channels(), sizes.get(i)[0], sizes.get(i)[1]);
    }
    return out;
  }

  @Override
  public long macs(long height, long width) {
    return trunkMacs(height, width);
  }
}
