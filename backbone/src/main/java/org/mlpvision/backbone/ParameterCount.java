package org.mlpvision.backbone;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

/**
 * Parameter counting from declared shapes, the way PyTorch's {@code sum(p.numel() for p in
 * model.parameters())} counts: BatchNorm running statistics are buffers and not counted. Needs no
 * initialisation, so the big variants are counted without allocating them.
 */
public final class ParameterCount {
  private ParameterCount() {}

  /** Trainable-parameter elements of {@code block} (frozen ones included, buffers excluded). */
  public static long of(Block block) {
    long total = 0;
    for (Parameter p : block.getParameters().values()) {
      if (p.getType() == Parameter.Type.RUNNING_MEAN || p.getType() == Parameter.Type.RUNNING_VAR) {
        continue;
      }
      total += p.getShape().size();
    }
    return total;
  }
}
