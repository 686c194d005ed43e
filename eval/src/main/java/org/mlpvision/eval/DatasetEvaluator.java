package org.mlpvision.eval;

import java.util.Map;

/**
 * Evaluates a model's outputs over a data set while inference runs, in detectron2's shape: {@link
 * #reset()}, then {@link #process} once per batch as the batches come, then {@link #evaluate()}.
 * The {@link InferenceDriver} calls it for the training's evaluation hook and for {@code vision
 * test} alike.
 *
 * <p>Lifecycle: {@code reset} forgets everything processed; {@code process} may be called any
 * number of times; {@code evaluate} returns the metrics of everything processed since the last
 * reset and leaves that state as it is. The arrays given to {@code process} belong to the caller's
 * batch scope and are closed right after the call: copy what must outlive it. Not thread-safe.
 *
 * @param <I> what the evaluator needs to know about a batch's inputs (an {@code ImageList} for its
 *     metas and image ids, a classification batch for its labels)
 * @param <O> the model's outputs for that batch ({@code List<Detections>}, {@code
 *     List<SemanticMap>}, logits)
 */
public interface DatasetEvaluator<I, O> {
  /** Forgets every processed batch. */
  void reset();

  /** Adds one batch's inputs and the model's outputs for it. */
  void process(I inputs, O outputs);

  /**
   * The metrics over everything processed since the last reset, by name in reporting order (for
   * example {@code top1}; {@code bbox_AP}, {@code bbox_AP50}, ...; {@code mIoU}, {@code aAcc}).
   */
  Map<String, Double> evaluate();
}
