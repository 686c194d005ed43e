package org.mlpvision.classification;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import org.mlpvision.backbone.nn.BatchNorm2d;
import org.mlpvision.core.train.BatchNormMode;

/**
 * Applies the engine's {@link BatchNormMode} to the backbones' own {@link BatchNorm2d} layers:
 * {@code eval} and {@code frozen} keep the running statistics, {@code frozen} also freezes the
 * affine parameters.
 */
final class BackboneNorms {
  private BackboneNorms() {}

  /** Sets {@code mode} on every {@link BatchNorm2d} in {@code root}; returns how many. */
  static int apply(Block root, BatchNormMode mode) {
    int n = 0;
    if (root instanceof BatchNorm2d bn) {
      bn.setStatsFrozen(mode != BatchNormMode.TRAIN);
      bn.freezeParameters(
          mode == BatchNormMode.FROZEN,
          p -> p.getType() == Parameter.Type.GAMMA || p.getType() == Parameter.Type.BETA);
      n++;
    }
    for (var child : root.getChildren()) {
      n += apply(child.getValue(), mode);
    }
    return n;
  }
}
