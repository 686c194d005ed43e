package org.mlpvision.spark.exec;

import ai.djl.Model;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDList;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import ai.djl.translate.TranslatorFactory;
import ai.djl.util.Pair;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mlpvision.zoo.InstanceArrays;
import org.mlpvision.zoo.VisionModel;
import org.mlpvision.zoo.block.TaskBlock;
import org.mlpvision.zoo.translate.DetectionTranslator;
import org.mlpvision.zoo.translate.ImageBatcher;
import org.mlpvision.zoo.translate.ImageTranslator;

/**
 * DJL translators from images to a detection model directory's outputs as {@link InstanceArrays}:
 * every detection of the model's {@code test_cfg} (no score threshold), masks as the 0/1 bytes the
 * detector pasted. The directory's own {@code DetectedObjects} carry each mask as a full-image
 * {@code float[][]}, four times the bytes and a conversion back for every detection; evaluation and
 * results files need the arrays.
 */
public final class InstanceArraysTranslatorFactory implements TranslatorFactory {
  private static final Set<Pair<Type, Type>> TYPES =
      Set.of(new Pair<>(Image.class, InstanceArrays.class));

  @Override
  public Set<Pair<Type, Type>> getSupportedTypes() {
    return TYPES;
  }

  /**
   * @throws IllegalArgumentException when the model is not a detection model directory
   */
  @Override
  @SuppressWarnings("unchecked")
  public <I, O> Translator<I, O> newInstance(
      Class<I> input, Class<O> output, Model model, Map<String, ?> arguments) {
    if (!isSupported(input, output)
        || !(model.getBlock() instanceof TaskBlock block)
        || block.model().detector() == null) {
      throw new IllegalArgumentException(
          "model " + model.getName() + " is not a detection model directory");
    }
    VisionModel vm = block.model();
    return (Translator<I, O>)
        new ArraysTranslator(
            new ImageBatcher(vm.testPipeline(), vm.metadata().task().sizeDivisor()),
            vm.detector().withMask());
  }

  /** The task block's per-image boxes, scores, labels (and masks) copied to the host. */
  private static final class ArraysTranslator extends ImageTranslator<InstanceArrays> {
    private final boolean masks;

    ArraysTranslator(ImageBatcher batcher, boolean masks) {
      super(batcher);
      this.masks = masks;
    }

    @Override
    public List<InstanceArrays> batchProcessOutput(TranslatorContext ctx, NDList list) {
      return DetectionTranslator.arrays(ctx, list, masks);
    }
  }
}
