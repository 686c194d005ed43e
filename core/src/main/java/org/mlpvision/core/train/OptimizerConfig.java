package org.mlpvision.core.train;

import java.util.List;
import org.mlpvision.core.config.Defaults;
import org.mlpvision.core.config.Range;

/**
 * AdamW settings (the {@code train.optimizer} section), with torch/mmcv semantics: decoupled weight
 * decay {@code w -= lr*wd*w} before the Adam step.
 *
 * @param lr base learning rate (default 1e-3)
 * @param beta1 first-moment decay (default 0.9)
 * @param beta2 second-moment decay (default 0.999)
 * @param eps added to the bias-corrected root of the second moment (default 1e-8)
 * @param weightDecay decoupled weight decay (default 0.05)
 * @param paramGroups per-name multipliers; the longest matching pattern wins (default none)
 */
public record OptimizerConfig(
    @Range(min = 0, max = 10) Double lr,
    @Range(min = 0, max = 1) Double beta1,
    @Range(min = 0, max = 1) Double beta2,
    @Range(min = 0, max = 1) Double eps,
    @Range(min = 0, max = 10) Double weightDecay,
    List<ParamGroupRule> paramGroups) {

  /** Fills the pinned defaults. */
  public OptimizerConfig {
    lr = Defaults.or(lr, 1e-3);
    beta1 = Defaults.or(beta1, 0.9);
    beta2 = Defaults.or(beta2, 0.999);
    eps = Defaults.or(eps, 1e-8);
    weightDecay = Defaults.or(weightDecay, 0.05);
    paramGroups = Defaults.list(paramGroups, List.of());
  }

  /** All defaults. */
  public static OptimizerConfig defaults() {
    return new OptimizerConfig(null, null, null, null, null, null);
  }
}
