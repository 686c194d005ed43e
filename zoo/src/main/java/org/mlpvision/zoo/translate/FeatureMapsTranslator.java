package org.mlpvision.zoo.translate;

import ai.djl.ndarray.NDList;
import ai.djl.translate.TranslatorContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Images to the backbone's named feature maps: per image an {@link NDList} of {@code (C, h, w)}
 * arrays fine to coarse, named after their level ({@code stage1} .. {@code stage4}), cut to the
 * cells that cover the image. The arrays belong to the predictor's manager: they live until the
 * predictor closes, or until the caller closes the list.
 */
public final class FeatureMapsTranslator extends ImageTranslator<NDList> {
  private final int levels;

  /**
   * @param batcher the model's preprocessing
   * @param levels output levels per image
   */
  public FeatureMapsTranslator(ImageBatcher batcher, int levels) {
    super(batcher);
    this.levels = levels;
  }

  @Override
  public List<NDList> batchProcessOutput(TranslatorContext ctx, NDList list) {
    List<NDList> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i += levels) {
      NDList maps = new NDList(list.subList(i, i + levels));
      // Outlive the context, which closes when the prediction returns.
      maps.attach(ctx.getPredictorManager());
      out.add(maps);
    }
    return out;
  }
}
