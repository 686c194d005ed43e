package org.mlpvision.detection.config;

import org.mlpvision.core.config.OneOf;
import org.mlpvision.core.config.Range;

/**
 * mmcv's {@code nms} settings ({@code dict(type='nms', iou_threshold=0.7)}): a box is suppressed by
 * a higher-scored one of its group when their IoU is at least the threshold.
 *
 * @param type always {@code nms}
 * @param iouThreshold the IoU at or above which the lower-scored box is dropped
 */
public record NmsConfig(@OneOf({"nms"}) String type, @Range(min = 0, max = 1) Double iouThreshold) {
  /** Checks the keys. */
  public NmsConfig {
    type = Required.of(type, "type");
    iouThreshold = Required.of(iouThreshold, "iou_threshold");
  }
}
