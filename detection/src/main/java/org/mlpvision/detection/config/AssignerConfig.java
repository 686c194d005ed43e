package org.mlpvision.detection.config;

import org.mlpvision.core.config.OneOf;
import org.mlpvision.core.config.Range;
import org.mlpvision.detection.assign.MaxIouAssigner;

/**
 * mmdet's {@code MaxIoUAssigner} settings (defaults as mmdet's constructor). No ignore regions are
 * passed in training (mmdet's COCO pipeline does not collect {@code gt_bboxes_ignore}), so {@code
 * ignore_iof_thr} has no effect, as there.
 *
 * @param type always {@code MaxIoUAssigner}
 * @param posIouThr IoU at or above which a box is positive
 * @param negIouThr IoU below which a box is negative
 * @param minPosIou least IoU of a low-quality match (default 0)
 * @param matchLowQuality whether each ground truth takes its best boxes (default true)
 * @param gtMaxAssignAll whether all of a ground truth's best boxes take it (default true)
 * @param ignoreIofThr accepted as mmdet's, without effect (no ignore regions)
 */
public record AssignerConfig(
    @OneOf({"MaxIoUAssigner"}) String type,
    @Range(min = 0, max = 1) Double posIouThr,
    @Range(min = 0, max = 1) Double negIouThr,
    @Range(min = 0, max = 1) Double minPosIou,
    Boolean matchLowQuality,
    Boolean gtMaxAssignAll,
    Double ignoreIofThr) {
  /** Fills mmdet's defaults. */
  public AssignerConfig {
    type = Required.of(type, "type");
    posIouThr = Required.of(posIouThr, "pos_iou_thr");
    negIouThr = Required.of(negIouThr, "neg_iou_thr");
    minPosIou = minPosIou == null ? 0.0 : minPosIou;
    matchLowQuality = matchLowQuality == null || matchLowQuality;
    gtMaxAssignAll = gtMaxAssignAll == null || gtMaxAssignAll;
    ignoreIofThr = ignoreIofThr == null ? -1.0 : ignoreIofThr;
  }

  /** The assigner. */
  public MaxIouAssigner build() {
    return new MaxIouAssigner(posIouThr, negIouThr, minPosIou, matchLowQuality, gtMaxAssignAll);
  }
}
