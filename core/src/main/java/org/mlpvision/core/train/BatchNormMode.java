package org.mlpvision.core.train;

/** How {@link ModalNorm} layers behave while training. */
public enum BatchNormMode {
  /** Batch statistics, running statistics updated, affine parameters learned (the default). */
  TRAIN,
  /** Running statistics used and kept; affine parameters still learned. */
  EVAL,
  /**
   * Running statistics used and kept; affine parameters frozen (mmdet's {@code norm_eval} plus
   * {@code requires_grad=False}).
   */
  FROZEN
}
