package org.mlpvision.core.train;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;

/**
 * What a task (classification, detection, segmentation) gives the shared {@link TrainLoop}: the
 * model, its batches and its losses. The loop owns memory scopes, the optimizer, schedules,
 * checkpoints and logging.
 *
 * @param <B> the task's batch type: a record of named arrays, not an untyped list
 */
public interface TrainTask<B> {
  /** The model, with its parameters already initialized on the first training device. */
  Block model();

  /**
   * Batch number {@code index} of the run. It must depend only on the index and the task's seed,
   * never on earlier calls, so that a resumed run sees exactly the batches an uninterrupted run
   * would. Arrays are created in {@code scope}, which is closed after the iteration.
   */
  B batch(long index, NDManager scope);

  /** Number of images in {@code batch}, for images/s. */
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
   * Forward pass and losses of one (part of a) batch, with scalar terms averaged over its images.
   *
   * @param store gives the parameter values on the batch's device; pass it to {@code
   *     model.forward(store, inputs, true)}
   */
  LossTerms losses(Block model, ParameterStore store, B batch);
}
