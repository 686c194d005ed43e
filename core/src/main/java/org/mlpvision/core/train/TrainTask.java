package org.mlpvision.core.train;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;

/**
 * What a task (classification, detection, segmentation) gives the shared {@link TrainLoop}: the
 * model, its batches and its losses. The loop owns memory scopes, the optimizer, schedules,
 * checkpoints, logging and the other {@link TrainHook}s.
 *
 * <p>Per optimizer step {@code it} with {@code accumulate = A} micro-batches, the loop calls, in
 * one iteration scope: {@code batch(it*A + k, scope)} for {@code k = 0..A-1}, then {@link #split}
 * of each batch over the training devices, then {@link #losses} once per part with a {@link
 * StepContext} of that step, micro-batch and part.
 *
 * @param <B> the task's batch type: a record of named arrays, not an untyped list
 */
public interface TrainTask<B> {
  /** The model, with its parameters already initialized on the first training device. */
  Block model();

  /**
   * Global micro-batch number {@code index} of the run ({@code iteration * accumulate + k}). It
   * must depend only on the index and the task's seed, never on earlier calls, so that a resumed
   * run sees exactly the batches an uninterrupted run would (over a {@code PrefetchLoader}, {@code
   * datasets.loader.GlobalBatches} does this). Arrays are created in {@code scope}, which is closed
   * after the iteration.
   */
  B batch(long index, NDManager scope);

  /** Number of images in {@code batch}, for images/s and for weighting data-parallel parts. */
  int size(B batch);

  /**
   * Splits {@code batch} into one part per device (data parallel) and moves each part there. The
   * default supports a single device only.
   */
  default List<B> split(B batch, List<Device> devices) {
    if (devices.size() != 1) {
      throw new UnsupportedOperationException(
          getClass().getSimpleName() + " cannot split batches over several devices");
    }
    return List.of(batch);
  }

  /**
   * Forward pass and losses of one (part of a) batch, each term a scalar averaged over its images.
   * Random choices (samplers, random crops on the device) must come from {@code step.random()},
   * never from a generator of the task's own, so that they resume exactly; diagnostics that are not
   * losses (accuracies, sampled counts) go to {@code step.scalar(...)}.
   *
   * @param store gives the parameter values on the batch's device; pass it to {@code
   *     model.forward(store, inputs, true)}
   * @param step the iteration, its random stream and the scalar sink of this call
   */
  LossTerms losses(Block model, ParameterStore store, B batch, StepContext step);
}
