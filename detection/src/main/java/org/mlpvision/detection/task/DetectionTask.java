package org.mlpvision.detection.task;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.mlpvision.core.train.LossTerms;
import org.mlpvision.core.train.StepContext;
import org.mlpvision.core.train.TrainTask;
import org.mlpvision.datasets.loader.GlobalBatches;
import org.mlpvision.detection.Detector;

/**
 * Detection on the training engine: batches of a COCO-format set by global index (so a resumed run
 * sees exactly the batches an uninterrupted one would), and the detector's {@code forward_train}
 * losses; its samplers draw from the step's random stream and its counts and accuracies go to the
 * step's scalars.
 */
public final class DetectionTask implements TrainTask<DetBatch> {
  private final Detector detector;
  private final GlobalBatches batches;

  /**
   * @param detector the model, initialised on the training device
   * @param batches the training loader's batches by global index
   */
  public DetectionTask(Detector detector, GlobalBatches batches) {
    this.detector = detector;
    this.batches = batches;
  }

  @Override
  public Block model() {
    return detector;
  }

  @Override
  public DetBatch batch(long index, NDManager scope) {
    return DetBatch.of(batches.get(index), scope);
  }

  @Override
  public int size(DetBatch batch) {
    return batch.images().size();
  }

  @Override
  public LossTerms losses(Block model, ParameterStore store, DetBatch batch, StepContext step) {
    return ((Detector) model).losses(store, batch.images(), batch.targets(), step);
  }
}
