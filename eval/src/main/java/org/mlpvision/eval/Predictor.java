package org.mlpvision.eval;

import ai.djl.training.ParameterStore;

/**
 * A model in inference mode as the {@link InferenceDriver} calls it: outputs for one batch, with
 * every array in the batch's scope (a detector's {@code predict}, a classifier's logits).
 *
 * @param <B> the batch type
 * @param <O> the outputs
 */
@FunctionalInterface
public interface Predictor<B, O> {
  /**
   * The model's outputs for {@code batch}.
   *
   * @param store parameter values; forward with {@code training = false}
   */
  O predict(ParameterStore store, B batch);
}
