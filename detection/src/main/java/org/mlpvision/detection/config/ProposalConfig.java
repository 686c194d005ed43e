package org.mlpvision.detection.config;

import org.mlpvision.core.config.Range;
import org.mlpvision.detection.rpn.ProposalGenerator;

/**
 * mmdet 2.11's RPN proposal settings ({@code test_cfg.rpn}, {@code train_cfg.rpn_proposal}). {@code
 * nms_post} is read but, as in mmdet 2.11, only {@code max_per_img} limits the output.
 *
 * @param nmsAcrossLevels must be false: levels never suppress each other
 * @param nmsPre anchors kept per level before NMS
 * @param nmsPost accepted, without effect (mmdet 2.11)
 * @param maxPerImg proposals kept per image
 * @param nms the NMS op
 * @param minBboxSize minimum width and height, 0 for no filter (default 0)
 */
public record ProposalConfig(
    Boolean nmsAcrossLevels,
    @Range(min = 1) Integer nmsPre,
    @Range(min = 1) Integer nmsPost,
    @Range(min = 1) Integer maxPerImg,
    NmsConfig nms,
    @Range(min = 0) Double minBboxSize) {
  /** Fills the defaults and checks the keys. */
  public ProposalConfig {
    if (nmsAcrossLevels != null && nmsAcrossLevels) {
      throw new IllegalArgumentException("nms_across_levels=True is not supported");
    }
    nmsAcrossLevels = false;
    nmsPre = Required.of(nmsPre, "nms_pre");
    maxPerImg = Required.of(maxPerImg, "max_per_img");
    nms = Required.of(nms, "nms");
    minBboxSize = minBboxSize == null ? 0.0 : minBboxSize;
  }

  /** The proposal generator. */
  public ProposalGenerator build() {
    return new ProposalGenerator(nmsPre, nms.iouThreshold(), maxPerImg, minBboxSize);
  }
}
