package org.mlpvision.detection.config;

import org.mlpvision.core.config.OneOf;

/**
 * mmcv's {@code norm_cfg} of a head: {@code BN} or {@code SyncBN} (the same on one device; across
 * devices the batch statistics stay per device).
 *
 * @param type {@code BN} or {@code SyncBN}
 * @param requiresGrad whether the affine parameters learn (default true)
 */
public record NormConfig(@OneOf({"BN", "SyncBN"}) String type, Boolean requiresGrad) {
  /** Fills the default. */
  public NormConfig {
    type = Required.of(type, "type");
    requiresGrad = requiresGrad == null || requiresGrad;
  }
}
