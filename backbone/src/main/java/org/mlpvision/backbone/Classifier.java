package org.mlpvision.backbone;

import ai.djl.nn.Block;

/**
 * An image classifier: its forward maps one (N, 3, H, W) batch to an {@code NDList} holding the (N,
 * classes) logits. In training mode drop path and batch statistics are active, so it trains under a
 * DJL {@code Trainer} like any block.
 */
public interface Classifier extends Block {
  /** Number of output classes. */
  int numClasses();

  /** Conv and linear multiply-accumulates of one forward pass on an H × W image. */
  long macs(long height, long width);
}
