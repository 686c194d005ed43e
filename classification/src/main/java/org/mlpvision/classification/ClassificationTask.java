package org.mlpvision.classification;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import java.util.ArrayList;
import java.util.List;
import org.mlpvision.core.train.LossTerms;
import org.mlpvision.core.train.StepContext;
import org.mlpvision.core.train.TrainTask;
import org.mlpvision.datasets.classify.ShapeBatch;
import org.mlpvision.datasets.classify.ShapeBatches;

/**
 * Classification on the training engine: the classifier's logits against the labels with softmax
 * cross-entropy ({@code loss_cls}); batches come from the shape set in a seed-determined order.
 */
public final class ClassificationTask implements TrainTask<ShapeBatch> {
  private final Block model;
  private final ShapeBatches batches;
  private final Loss loss = Loss.softmaxCrossEntropyLoss("loss_cls");

  /**
   * @param model the classifier, initialized on the first training device
   * @param batches the training batches
   */
  public ClassificationTask(Block model, ShapeBatches batches) {
    this.model = model;
    this.batches = batches;
  }

  @Override
  public Block model() {
    return model;
  }

  @Override
  public ShapeBatch batch(long index, NDManager scope) {
    return batches.batch(index, scope);
  }

  @Override
  public int size(ShapeBatch batch) {
    return batch.size();
  }

  @Override
  public List<ShapeBatch> split(ShapeBatch batch, List<Device> devices) {
    if (devices.size() == 1) {
      return List.of(batch);
    }
    long n = batch.size();
    List<ShapeBatch> parts = new ArrayList<>();
    for (int d = 0; d < devices.size(); d++) {
      long from = n * d / devices.size();
      long to = n * (d + 1) / devices.size();
      if (from == to) {
        continue;
      }
      String range = from + ":" + to;
      parts.add(
          new ShapeBatch(
              batch.images().get(range).toDevice(devices.get(d), false),
              batch.labels().get(range).toDevice(devices.get(d), false)));
    }
    return parts;
  }

  @Override
  public LossTerms losses(Block model, ParameterStore store, ShapeBatch batch, StepContext step) {
    NDArray logits = model.forward(store, new NDList(batch.images()), true).singletonOrThrow();
    NDArray labels = batch.labels().reshape(new Shape(batch.size()));
    return LossTerms.of("loss_cls", loss.evaluate(new NDList(labels), new NDList(logits)));
  }
}
