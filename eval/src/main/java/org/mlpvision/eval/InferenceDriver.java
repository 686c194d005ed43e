package org.mlpvision.eval;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;

/**
 * The one inference loop over a data set (detectron2's {@code inference_on_dataset}): resets the
 * evaluator, then for every batch of the split, in a scope of its own, builds the batch, runs the
 * predictor and hands inputs and outputs to the evaluator before the scope closes, and finally
 * returns the evaluator's metrics. The training's evaluation hook and {@code vision test} both run
 * it, so a checkpoint tests to exactly the numbers its training run logged.
 */
public final class InferenceDriver {
  private InferenceDriver() {}

  /**
   * Runs inference over {@code data} and evaluates it.
   *
   * @param store parameter values of the model (inference mode)
   * @param scope parent of the per-batch scopes; nothing is left in it afterwards
   * @return {@code evaluator.evaluate()}
   */
  public static <B, O> Map<String, Double> run(
      EvalData<B> data,
      Predictor<B, O> predictor,
      DatasetEvaluator<? super B, ? super O> evaluator,
      ParameterStore store,
      NDManager scope) {
    evaluator.reset();
    for (Iterator<Function<NDManager, B>> it = data.pass(); it.hasNext(); ) {
      Function<NDManager, B> next = it.next();
      try (NDManager batchScope = scope.newSubManager()) {
        B batch = next.apply(batchScope);
        evaluator.process(batch, predictor.predict(store, batch));
      }
    }
    return evaluator.evaluate();
  }
}
