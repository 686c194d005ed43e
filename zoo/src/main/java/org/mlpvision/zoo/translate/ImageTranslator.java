package org.mlpvision.zoo.translate;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDList;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.util.List;

/**
 * A translator whose unit of work is a batch: {@code predict} is a batch of one, and {@code
 * batchPredict} pads images of any sizes into one batch (through {@link ImageBatcher}) instead of
 * stacking equal-sized arrays. Subclasses turn the block's outputs for the batch into one result
 * per image.
 *
 * @param <O> the result per image
 */
public abstract class ImageTranslator<O> implements Translator<Image, O> {
  private final ImageBatcher batcher;

  /**
   * @param batcher the model's preprocessing
   */
  protected ImageTranslator(ImageBatcher batcher) {
    this.batcher = batcher;
  }

  @Override
  public NDList batchProcessInput(TranslatorContext ctx, List<Image> inputs) {
    return batcher.batch(ctx, inputs);
  }

  @Override
  public NDList processInput(TranslatorContext ctx, Image input) {
    return batchProcessInput(ctx, List.of(input));
  }

  @Override
  public O processOutput(TranslatorContext ctx, NDList list) throws Exception {
    return batchProcessOutput(ctx, list).get(0);
  }

  @Override
  public abstract List<O> batchProcessOutput(TranslatorContext ctx, NDList list) throws Exception;

  /**
   * Non-null, so that DJL's predictor takes the batch path; the batch methods above replace
   * stacking.
   */
  @Override
  public Batchifier getBatchifier() {
    return Batchifier.STACK;
  }
}
