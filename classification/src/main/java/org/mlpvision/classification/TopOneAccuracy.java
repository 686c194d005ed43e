package org.mlpvision.classification;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.mlpvision.datasets.classify.ShapeBatch;
import org.mlpvision.datasets.classify.ShapeBatches;
import org.mlpvision.datasets.classify.ShapeImages;

/** Top-1 accuracy of a classifier over a whole split, in inference mode, batch by batch. */
public final class TopOneAccuracy {
  private TopOneAccuracy() {}

  /**
   * The fraction of images whose highest logit is their label.
   *
   * @param scope every batch is created in a sub-scope of it and freed right away
   */
  public static double of(
      Block model, ParameterStore store, ShapeImages images, NDManager scope, int batchSize) {
    long correct = 0;
    for (int from = 0; from < images.count(); from += batchSize) {
      int to = Math.min(images.count(), from + batchSize);
      try (NDManager s = scope.newSubManager()) {
        ShapeBatch b = ShapeBatches.range(images, from, to, s);
        NDArray logits = model.forward(store, new NDList(b.images()), false).singletonOrThrow();
        correct += logits.argMax(1).eq(b.labels()).sum().getLong();
      }
    }
    return (double) correct / images.count();
  }
}
