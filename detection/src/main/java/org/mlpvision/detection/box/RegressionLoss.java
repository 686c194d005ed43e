package org.mlpvision.detection.box;

import ai.djl.ndarray.NDArray;
import org.mlpvision.core.loss.L1;
import org.mlpvision.core.loss.Reduction;
import org.mlpvision.core.loss.SmoothL1;
import org.mlpvision.detection.config.LossConfig;

/**
 * A box regression loss as mmdet configures it ({@code loss_bbox}): {@code SmoothL1Loss} or {@code
 * L1Loss} on encoded deltas, {@code GIoULoss} on decoded boxes; weighted, summed and divided by an
 * averaging factor, then multiplied by {@code loss_weight}.
 */
public final class RegressionLoss {
  private final LossConfig config;

  /**
   * @param config {@code SmoothL1Loss}, {@code L1Loss} or {@code GIoULoss}
   */
  public RegressionLoss(LossConfig config) {
    this.config = config.require("loss_bbox", LossConfig.SMOOTH_L1, LossConfig.L1, LossConfig.GIOU);
  }

  /** Whether the loss compares decoded boxes (GIoU) rather than encoded deltas. */
  public boolean onDecodedBoxes() {
    return LossConfig.GIOU.equals(config.type());
  }

  /**
   * @param pred {@code (N,4)} predictions (deltas, or boxes for GIoU)
   * @param target {@code (N,4)} targets of the same kind
   * @param weight {@code (N,4)} weights (GIoU averages them per box, as mmdet)
   * @param avgFactor the divisor, &gt; 0
   * @return the weighted scalar loss, connected to {@code pred} even when {@code N = 0}
   */
  public NDArray loss(NDArray pred, NDArray target, NDArray weight, double avgFactor) {
    NDArray raw =
        switch (config.type()) {
          case LossConfig.SMOOTH_L1 ->
              SmoothL1.loss(pred, target, config.beta(), weight, Reduction.MEAN, avgFactor);
          case LossConfig.L1 -> L1.loss(pred, target, weight, Reduction.MEAN, avgFactor);
          default -> GiouLoss.loss(pred, target, weight.mean(new int[] {-1}), avgFactor, 1.0);
        };
    return Reduction.scale(raw, config.lossWeight());
  }
}
