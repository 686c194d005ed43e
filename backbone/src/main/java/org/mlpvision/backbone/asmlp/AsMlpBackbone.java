package org.mlpvision.backbone.asmlp;

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
import org.mlpvision.nn.GroupNormLayer;

/**
 * AS-MLP as a dense backbone (official mmseg {@code ASMLP}): stage outputs before patch merging,
 * each through its own single-group GroupNorm ({@code norm0..norm3}); channels C, 2C, 4C, 8C at
 * strides 4, 8, 16, 32. Any input size: odd sizes are zero-padded bottom/right as the segmentation
 * code does.
 */
public final class AsMlpBackbone extends AsMlpTrunk implements Backbone {
  private final DenseOutputs outputs;

  /** Builds the backbone (parameters are allocated on {@code initialize}). */
  public AsMlpBackbone(AsMlpConfig config) {
    super(config);
    List<GroupNormLayer> norms = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      norms.add(addChildBlock("norm" + i, new GroupNormLayer(1, config.dim(i))));
    }
    outputs = new DenseOutputs(config.outFeatures(), config::dim, AsMlpTrunk::stageStride, norms);
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
