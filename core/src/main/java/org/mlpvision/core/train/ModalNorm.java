package org.mlpvision.core.train;

/**
 * A normalisation layer whose training behaviour follows a {@link BatchNormMode}, independent of
 * the {@code training} flag DJL passes to the whole model: detection recipes keep a backbone's
 * BatchNorm in inference mode ({@code norm_eval}) or frozen ({@code frozen_stages}) while the heads
 * train. {@link NormModes} sets the mode over a block tree.
 */
public interface ModalNorm {
  /** The current mode. */
  BatchNormMode mode();

  /** Sets the mode; {@link BatchNormMode#FROZEN} also stops gradients to the affine parameters. */
  void setMode(BatchNormMode mode);
}
