package org.mlpvision.core.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Map;

/** A periodic evaluation during training (top-1 accuracy, mAP, mIoU), logged to metrics. */
@FunctionalInterface
public interface ValidationHook {
  /**
   * Evaluates the model in inference mode.
   *
   * @param store parameter values; forward with {@code training = false}
   * @param scope a manager closed after the hook returns
   * @param iteration completed optimizer steps
   * @return named metrics, for example {@code top1}
   */
  Map<String, Double> validate(Block model, ParameterStore store, NDManager scope, long iteration)
      throws Exception;
}
