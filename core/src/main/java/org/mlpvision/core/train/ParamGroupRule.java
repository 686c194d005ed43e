package org.mlpvision.core.train;

import org.mlpvision.core.config.Defaults;
import org.mlpvision.core.config.Range;

/**
 * One parameter-group rule, mmcv's {@code paramwise_cfg.custom_keys}: every parameter whose full
 * name contains {@code pattern} gets its weight decay and learning rate multiplied.
 *
 * @param pattern substring of the parameter name, for example {@code norm}
 * @param decayMult weight-decay multiplier (default 1)
 * @param lrMult learning-rate multiplier (default 1)
 */
public record ParamGroupRule(
    String pattern,
    @Range(min = 0, max = 1000) Double decayMult,
    @Range(min = 0, max = 1000) Double lrMult) {

  /** Fills defaults and checks the pattern. */
  public ParamGroupRule {
    if (pattern == null || pattern.isEmpty()) {
      throw new IllegalArgumentException("param group pattern must be a non-empty string");
    }
    decayMult = Defaults.or(decayMult, 1.0);
    lrMult = Defaults.or(lrMult, 1.0);
  }
}
