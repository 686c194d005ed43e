package org.mlpvision.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * An image classifier: its forward maps one (N, 3, H, W) batch to an {@code NDList} holding the (N,
 * classes) logits. In training mode drop path and batch statistics are active, so it trains under a
 * DJL {@code Trainer} like any block.
 */
public interface Classifier extends Block {
  /**
   * The (N, classes) logits of an (N, 3, H, W) batch (what {@code forward} returns as a singleton
   * list).
   */
  NDArray logits(ParameterStore ps, NDArray images, boolean training);

  /** Number of output classes. */
  int numClasses();

  /** Conv and linear multiply-accumulates of one forward pass on an H × W image. */
  long macs(long height, long width);
}
