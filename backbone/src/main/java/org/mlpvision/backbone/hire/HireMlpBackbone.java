package org.mlpvision.backbone.hire;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.mlpvision.backbone.Backbone;
import org.mlpvision.backbone.DenseOutputs;
import org.mlpvision.backbone.FeatureMaps;
import org.mlpvision.backbone.FeatureSpec;
import org.mlpvision.backbone.Stages;
import org.mlpvision.core.train.BatchNormMode;
import org.mlpvision.core.train.NormModes;
import org.mlpvision.nn.BatchNorm2d;

/**
 * Hire-MLP as a dense backbone (official mmseg {@code HireMLPNet}): the stage outputs before each
 * downsampling, each through its own BatchNorm ({@code norm0, norm2, norm4, norm6}), at strides 4,
 * 8, 16, 32. Options: which outputs to return, frozen stages, BatchNorm kept in eval mode.
 */
public final class HireMlpBackbone extends HireMlpTrunk implements Backbone {
  private final DenseOutputs outputs;

  /** Builds the backbone (parameters are allocated on {@code initialize}). */
  public HireMlpBackbone(HireMlpConfig config) {
    super(config);
    List<BatchNorm2d> norms = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      norms.add(addChildBlock("norm" + (2 * i), new BatchNorm2d(config.embedDims().get(i))));
    }
    outputs =
        new DenseOutputs(
            config.outFeatures(), config.embedDims()::get, HireMlpTrunk::stageStride, norms);
    if (config.normEval()) {
      NormModes.apply(this, BatchNormMode.EVAL);
    }
    Stages.freeze(frozenParts(config.frozenStages()));
  }

  @Override
  public List<FeatureSpec> outputShapes() {
    return outputs.specs();
  }

  @Override
  public FeatureMaps extract(ParameterStore ps, NDArray images, boolean training) {
    return outputs.extract(ps, stageOutputs(ps, images, training, config.frozenStages()), training);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return extract(ps, inputs.singletonOrThrow(), training).toNDList();
  }

  @Override
  public List<long[]> outputSizes(long height, long width) {
    return outputs.sizes(stageSizes(height, width));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    return outputs.shapes(in, stageSizes(in.get(2), in.get(3)));
  }

  @Override
  public long macs(long height, long width) {
    return trunkMacs(height, width);
  }
}
