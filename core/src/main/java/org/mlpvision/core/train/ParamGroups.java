package org.mlpvision.core.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Assigns weight-decay and learning-rate multipliers to parameters by name, as mmcv's {@code
 * DefaultOptimizerConstructor} does with {@code custom_keys}: rules are tried longest pattern first
 * (ties alphabetically) and the first pattern contained in the name wins.
 */
public final class ParamGroups {
  private final List<ParamGroupRule> rules;

  /**
   * @param rules the configured rules, in any order
   */
  public ParamGroups(List<ParamGroupRule> rules) {
    List<ParamGroupRule> sorted = new ArrayList<>(rules);
    sorted.sort(
        Comparator.comparingInt((ParamGroupRule r) -> -r.pattern().length())
            .thenComparing(ParamGroupRule::pattern));
    this.rules = List.copyOf(sorted);
  }

  /** The weight-decay multiplier of the parameter called {@code name}. */
  public double decayMult(String name) {
    ParamGroupRule r = match(name);
    return r == null ? 1.0 : r.decayMult();
  }

  /** The learning-rate multiplier of the parameter called {@code name}. */
  public double lrMult(String name) {
    ParamGroupRule r = match(name);
    return r == null ? 1.0 : r.lrMult();
  }

  private ParamGroupRule match(String name) {
    for (ParamGroupRule r : rules) {
      if (name.contains(r.pattern())) {
        return r;
      }
    }
    return null;
  }
}
