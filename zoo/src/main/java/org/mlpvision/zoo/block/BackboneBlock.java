package org.mlpvision.zoo.block;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.mlpvision.backbone.Backbone;
import org.mlpvision.backbone.FeatureMaps;
import org.mlpvision.backbone.FeatureSpec;
import org.mlpvision.datasets.structures.ImageList;
import org.mlpvision.datasets.transform.ImageMeta;
import org.mlpvision.zoo.VisionModel;

/**
 * A model's backbone alone as a block (backbone reuse): per image, in batch order, every output
 * level fine to coarse as {@code (C, h, w)}, named after the level ({@code stage1} ..), cut to the
 * cells that cover the image ({@code ceil(img_h / stride) × ceil(img_w / stride)}), so that batch
 * padding never reaches a caller.
 */
public final class BackboneBlock extends VisionBlock {
  private final Backbone backbone;

  /**
   * @param model the loaded model whose backbone runs
   */
  public BackboneBlock(VisionModel model) {
    super(model, model.backbone());
    this.backbone = model.backbone();
  }

  /** The levels per image in the output list. */
  public List<FeatureSpec> levels() {
    return backbone.outputShapes();
  }

  @Override
  protected NDList predict(ParameterStore ps, NDList inputs) {
    ImageList images = images(inputs);
    FeatureMaps maps = backbone.extract(ps, images.tensor(), false);
    List<FeatureSpec> specs = backbone.outputShapes();
    NDList out = new NDList();
    for (int i = 0; i < images.size(); i++) {
      ImageMeta m = images.metas().get(i);
      for (FeatureSpec spec : specs) {
        NDArray level = maps.get(spec.name());
        long h = Math.min(level.getShape().get(2), ceilDiv(m.imgH(), spec.stride()));
        long w = Math.min(level.getShape().get(3), ceilDiv(m.imgW(), spec.stride()));
        NDArray cut = level.get(new NDIndex("{}, :, :{}, :{}", i, h, w));
        cut.setName(spec.name());
        out.add(cut);
      }
    }
    return out;
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
