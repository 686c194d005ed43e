package org.mlpvision.zoo.translate;

import ai.djl.modality.cv.output.CategoryMask;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.translate.TranslatorContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Images to {@link CategoryMask}: the class of every pixel of the original image ({@code
 * getMask()[y][x]}, an index into {@code getClasses()}).
 */
public final class SegmentationTranslator extends ImageTranslator<CategoryMask> {
  private final List<String> classes;

  /**
   * @param batcher the model's preprocessing
   * @param classes class names by label
   */
  public SegmentationTranslator(ImageBatcher batcher, List<String> classes) {
    super(batcher);
    this.classes = List.copyOf(classes);
  }

  @Override
  public List<CategoryMask> batchProcessOutput(TranslatorContext ctx, NDList list) {
    List<CategoryMask> out = new ArrayList<>(list.size());
    for (NDArray labels : list) {
      int h = (int) labels.getShape().get(0);
      int w = (int) labels.getShape().get(1);
      int[] flat = labels.toType(DataType.INT32, false).toIntArray();
      int[][] mask = new int[h][w];
      for (int y = 0; y < h; y++) {
        System.arraycopy(flat, y * w, mask[y], 0, w);
      }
      out.add(new CategoryMask(classes, mask));
    }
    return out;
  }
}
