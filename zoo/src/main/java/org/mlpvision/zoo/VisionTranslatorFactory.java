package org.mlpvision.zoo;

import ai.djl.Model;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.output.CategoryMask;
import ai.djl.modality.cv.output.DetectedObjects;
import ai.djl.ndarray.NDList;
import ai.djl.translate.ArgumentsUtil;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorFactory;
import ai.djl.util.Pair;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Set;
import org.mlpvision.zoo.block.BackboneBlock;
import org.mlpvision.zoo.block.TaskBlock;
import org.mlpvision.zoo.block.VisionBlock;
import org.mlpvision.zoo.translate.DetectionTranslator;
import org.mlpvision.zoo.translate.EmbeddingTranslator;
import org.mlpvision.zoo.translate.FeatureMapsTranslator;
import org.mlpvision.zoo.translate.ImageBatcher;
import org.mlpvision.zoo.translate.SegmentationTranslator;

/**
 * DJL's {@link TranslatorFactory} of a model directory ({@code translatorFactory} in its {@code
 * serving.properties}). Inputs are {@link Image}s; the output type picks the translator:
 *
 * <ul>
 *   <li>{@link DetectedObjects} (detection models): boxes, class names, scores, masks; the argument
 *       {@code threshold} (default {@value #DEFAULT_THRESHOLD}) is the least score kept, {@code 0}
 *       keeps every detection of the model's {@code test_cfg};
 *   <li>{@link CategoryMask} (segmentation models): the class of every pixel;
 *   <li>{@code float[]} (any model): the pooled embedding of the backbone;
 *   <li>{@link NDList} (any model): the backbone's named feature maps.
 * </ul>
 *
 * For the last two the model's block becomes the backbone alone ({@link BackboneBlock}): the heads
 * never run.
 */
public final class VisionTranslatorFactory implements TranslatorFactory {
  /** The default least score of a detection, mmdet's {@code show_result} threshold. */
  public static final float DEFAULT_THRESHOLD = 0.3f;

  private static final Set<Pair<Type, Type>> TYPES =
      Set.of(
          new Pair<>(Image.class, DetectedObjects.class),
          new Pair<>(Image.class, CategoryMask.class),
          new Pair<>(Image.class, float[].class),
          new Pair<>(Image.class, NDList.class));

  @Override
  public Set<Pair<Type, Type>> getSupportedTypes() {
    return TYPES;
  }

  /**
   * @throws IllegalArgumentException when the model was not built by {@link VisionBlockFactory} or
   *     cannot give {@code output} (a segmentor asked for detections, ...)
   */
  @Override
  @SuppressWarnings("unchecked")
  public <I, O> Translator<I, O> newInstance(
      Class<I> input, Class<O> output, Model model, Map<String, ?> arguments) {
    if (!(model.getBlock() instanceof VisionBlock block)) {
      throw new IllegalArgumentException(
          "model "
              + model.getName()
              + " was not loaded by "
              + VisionBlockFactory.class.getName()
              + "; is serving.properties of its directory intact?");
    }
    if (!isSupported(input, output)) {
      throw new IllegalArgumentException(
          "a model directory translates Image to DetectedObjects, CategoryMask, float[] or NDList,"
              + " not "
              + input.getSimpleName()
              + " to "
              + output.getSimpleName());
    }
    VisionModel vm = block.model();
    ModelMetadata meta = vm.metadata();
    ImageBatcher batcher = new ImageBatcher(vm.testPipeline(), meta.task().sizeDivisor());
    if (output == DetectedObjects.class || output == CategoryMask.class) {
      ModelTask wanted =
          output == DetectedObjects.class ? ModelTask.DETECTION : ModelTask.SEGMENTATION;
      if (meta.task() != wanted) {
        throw new IllegalArgumentException(
            vm.source()
                + " describes a "
                + meta.task()
                + " model: it gives "
                + (meta.task() == ModelTask.DETECTION ? "DetectedObjects" : "CategoryMask")
                + ", float[] or NDList, not "
                + output.getSimpleName());
      }
      if (!(block instanceof TaskBlock)) {
        model.setBlock(new TaskBlock(vm));
      }
      return (Translator<I, O>)
          (output == DetectedObjects.class
              ? new DetectionTranslator(
                  batcher,
                  meta.classes(),
                  vm.detector().withMask(),
                  ArgumentsUtil.floatValue(arguments, "threshold", DEFAULT_THRESHOLD))
              : new SegmentationTranslator(batcher, meta.classes()));
    }
    BackboneBlock backbone = new BackboneBlock(vm);
    model.setBlock(backbone);
    int levels = backbone.levels().size();
    return (Translator<I, O>)
        (output == float[].class
            ? new EmbeddingTranslator(batcher, levels)
            : new FeatureMapsTranslator(batcher, levels));
  }
}
