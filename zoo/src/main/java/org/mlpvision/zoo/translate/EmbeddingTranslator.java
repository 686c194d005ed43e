package org.mlpvision.zoo.translate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.TranslatorContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Images to embeddings: the backbone's coarsest feature map averaged over the cells that cover the
 * image, one {@code float[C]} per image (global average pooling, as a classifier pools before its
 * head). Compare embeddings with cosine similarity for nearest-neighbour search.
 */
public final class EmbeddingTranslator extends ImageTranslator<float[]> {
  private final int levels;

  /**
   * @param batcher the model's preprocessing
   * @param levels output levels per image (the last one is pooled)
   */
  public EmbeddingTranslator(ImageBatcher batcher, int levels) {
    super(batcher);
    this.levels = levels;
  }

  @Override
  public List<float[]> batchProcessOutput(TranslatorContext ctx, NDList list) {
    List<float[]> out = new ArrayList<>();
    for (int i = levels - 1; i < list.size(); i += levels) {
      NDArray coarsest = list.get(i);
      long cells = coarsest.getShape().get(1) * coarsest.getShape().get(2);
      // DJL's PyTorch mean takes one axis only.
      out.add(coarsest.sum(new int[] {1, 2}).div(cells).toFloatArray());
    }
    return out;
  }
}
