package org.mlpvision.detection.config;

/**
 * mmdet's {@code train_cfg.rpn}: anchor assignment and sampling.
 *
 * @param assigner the anchor assigner
 * @param sampler the anchor sampler
 * @param allowedBorder how far anchors may cross the image border, -1 for any (default 0)
 * @param posWeight label weight of positives, {@code <= 0} for 1 (default -1)
 * @param debug accepted, without effect
 */
public record RpnTrainConfig(
    AssignerConfig assigner,
    SamplerConfig sampler,
    Double allowedBorder,
    Double posWeight,
    Boolean debug) {
  /** Fills the defaults. */
  public RpnTrainConfig {
    assigner = Required.of(assigner, "assigner");
    sampler = Required.of(sampler, "sampler");
    allowedBorder = allowedBorder == null ? 0.0 : allowedBorder;
    posWeight = posWeight == null ? -1.0 : posWeight;
  }
}
