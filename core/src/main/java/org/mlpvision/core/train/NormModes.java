package org.mlpvision.core.train;

import ai.djl.nn.Block;
import ai.djl.nn.norm.BatchNorm;
import java.util.Locale;

/** Sets a {@link BatchNormMode} on every {@link ModalNorm} of a block tree (one mechanism). */
public final class NormModes {
  private NormModes() {}

  /**
   * Sets {@code mode} on every {@link ModalNorm} inside {@code root} (itself included).
   *
   * @return how many layers were set
   * @throws IllegalArgumentException when a non-train mode is asked for and the tree holds plain
   *     DJL {@code BatchNorm} layers that cannot follow it
   */
  public static int apply(Block root, BatchNormMode mode) {
    return visit(root, mode, "");
  }

  private static int visit(Block block, BatchNormMode mode, String path) {
    if (block instanceof ModalNorm m) {
      m.setMode(mode);
      return 1;
    }
    if (block instanceof BatchNorm && mode != BatchNormMode.TRAIN) {
      throw new IllegalArgumentException(
          "batch-norm mode "
              + mode.name().toLowerCase(Locale.ROOT)
              + " needs ModalNorm layers, but '"
              + path
              + "' is a plain DJL BatchNorm");
    }
    int n = 0;
    for (var child : block.getChildren()) {
      n +=
          visit(
              child.getValue(),
              mode,
              path.isEmpty() ? child.getKey() : path + "." + child.getKey());
    }
    return n;
  }
}
