package org.mlpvision.segmentation.heads;

import org.mlpvision.core.config.Defaults;
import org.mlpvision.core.config.OneOf;
import org.mlpvision.core.config.Range;

/**
 * A head's {@code loss_decode}, as mmseg writes it ({@code dict(type='CrossEntropyLoss',
 * loss_weight=1.0)}): softmax cross entropy, averaged over all pixels, times {@code loss_weight}.
 *
 * @param type {@code cross_entropy} (the only one)
 * @param lossWeight multiplies the loss (default 1; UperNet's auxiliary head uses 0.4)
 */
public record LossDecodeConfig(
    @OneOf({"cross_entropy"}) String type, @Range(min = 0, max = 1000) Double lossWeight) {
  /** Fills the defaults. */
  public LossDecodeConfig {
    type = Defaults.or(type, "cross_entropy");
    lossWeight = Defaults.or(lossWeight, 1.0);
  }

  /** Cross entropy with weight 1. */
  public static LossDecodeConfig defaults() {
    return new LossDecodeConfig(null, null);
  }
}
