package org.mlpvision.core.train;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.Map;

/**
 * A periodic evaluation during training (top-1 accuracy, COCO AP, mIoU), run by the {@link
 * EvaluationHook}. Tasks implement it with the inference driver of the {@code eval} module, the
 * same one {@code vision test} uses.
 */
@FunctionalInterface
public interface Evaluation {
  /**
   * Evaluates the model in inference mode.
   *
   * @param store parameter values; forward with {@code training = false}
   * @param scope a manager closed after the evaluation returns
   * @param iteration completed optimizer steps
   * @return named metrics, for example {@code top1}, in reporting order
   */
  Map<String, Double> evaluate(ParameterStore store, NDManager scope, long iteration)
      throws Exception;
}
