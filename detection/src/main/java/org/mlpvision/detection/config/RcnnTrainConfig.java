package org.mlpvision.detection.config;

import org.mlpvision.core.config.Range;

/**
 * mmdet's {@code train_cfg.rcnn[i]}: one RoI-head stage's assignment, sampling and mask size.
 *
 * @param assigner the proposal assigner
 * @param sampler the proposal sampler
 * @param maskSize side of the mask targets (default 28)
 * @param posWeight label weight of positives, {@code <= 0} for 1 (default -1)
 * @param debug accepted, without effect
 */
public record RcnnTrainConfig(
    AssignerConfig assigner,
    SamplerConfig sampler,
    @Range(min = 1, max = 1024) Integer maskSize,
    Double posWeight,
    Boolean debug) {
  /** Fills the defaults. */
  public RcnnTrainConfig {
    assigner = Required.of(assigner, "assigner");
    sampler = Required.of(sampler, "sampler");
    maskSize = maskSize == null ? 28 : maskSize;
    posWeight = posWeight == null ? -1.0 : posWeight;
  }
}
