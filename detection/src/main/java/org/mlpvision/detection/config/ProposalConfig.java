package org.mlpvision.detection.config;

import org.mlpvision.core.config.Range;
import org.mlpvision.detection.rpn.ProposalGenerator;

/**
 * mmdet 2.11's RPN proposal settings ({@code test_cfg.rpn}, {@code train_cfg.rpn_proposal}). {@code
 * nms_post} is read but, as in mmdet 2.11, only {@code max_per_img} limits the output. The legacy
 * keys mmdet 2.11 still converts are accepted: {@code nms_thr} for {@code nms.iou_threshold} and
 * {@code max_num} for {@code max_per_img} (equal values when both are given).
 *
 * @param nmsAcrossLevels must be false: levels never suppress each other
 * @param nmsPre anchors kept per level before NMS
 * @param nmsPost accepted, without effect (mmdet 2.11)
 * @param maxPerImg proposals kept per image
 * @param nms the NMS op
 * @param minBboxSize minimum width and height, 0 for no filter (default 0)
 * @param nmsThr legacy form of {@code nms.iou_threshold}
 * @param maxNum legacy name of {@code max_per_img}
 */
public record ProposalConfig(
    Boolean nmsAcrossLevels,
    @Range(min = 1) Integer nmsPre,
    @Range(min = 1) Integer nmsPost,
    @Range(min = 1) Integer maxPerImg,
    NmsConfig nms,
    @Range(min = 0) Double minBboxSize,
    @Range(min = 0, max = 1) Double nmsThr,
    @Range(min = 1) Integer maxNum) {
  /** Fills the defaults and checks the keys. */
  public ProposalConfig {
    if (nmsAcrossLevels != null && nmsAcrossLevels) {
      throw new IllegalArgumentException("nms_across_levels=True is not supported");
    }
    nmsAcrossLevels = false;
    nmsPre = Required.of(nmsPre, "nms_pre");
    if (nms == null && nmsThr != null) {
      nms = new NmsConfig("nms", nmsThr);
    }
    nms = Required.of(nms, "nms");
    if (nmsThr != null && !nmsThr.equals(nms.iouThreshold())) {
      throw new IllegalArgumentException(
          "nms_thr " + nmsThr + " differs from nms.iou_threshold " + nms.iouThreshold());
    }
    if (maxNum != null && maxPerImg != null && !maxNum.equals(maxPerImg)) {
      throw new IllegalArgumentException(
          "max_num " + maxNum + " differs from max_per_img " + maxPerImg);
    }
    maxPerImg = Required.of(maxPerImg == null ? maxNum : maxPerImg, "max_per_img");
    minBboxSize = minBboxSize == null ? 0.0 : minBboxSize;
  }

  /** The proposal generator. */
  public ProposalGenerator build() {
    return new ProposalGenerator(nmsPre, nms.iouThreshold(), maxPerImg, minBboxSize);
  }
}
