package org.mlpvision.detection.config;

import org.mlpvision.core.config.OneOf;
import org.mlpvision.core.config.Range;
import org.mlpvision.detection.assign.RandomSampler;

/**
 * mmdet's {@code RandomSampler} settings.
 *
 * @param type always {@code RandomSampler}
 * @param num samples per image
 * @param posFraction upper bound on the positive share
 * @param negPosUb upper bound on negatives per positive, -1 for none (default)
 * @param addGtAsProposals whether ground truths are prepended as proposals (default true)
 */
public record SamplerConfig(
    @OneOf({"RandomSampler"}) String type,
    @Range(min = 1) Integer num,
    @Range(min = 0, max = 1) Double posFraction,
    Double negPosUb,
    Boolean addGtAsProposals) {
  /** Fills mmdet's defaults. */
  public SamplerConfig {
    type = Required.of(type, "type");
    num = Required.of(num, "num");
    posFraction = Required.of(posFraction, "pos_fraction");
    negPosUb = negPosUb == null ? -1.0 : negPosUb;
    addGtAsProposals = addGtAsProposals == null || addGtAsProposals;
  }

  /** The sampler. */
  public RandomSampler build() {
    return new RandomSampler(num, posFraction, negPosUb, addGtAsProposals);
  }
}
