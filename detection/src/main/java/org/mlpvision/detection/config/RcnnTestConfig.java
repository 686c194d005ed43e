package org.mlpvision.detection.config;

import org.mlpvision.core.config.Range;
import org.mlpvision.detection.nms.MulticlassNms;

/**
 * mmdet's {@code test_cfg.rcnn}: the final per-class NMS and the mask threshold.
 *
 * @param scoreThr strict lower bound on detection scores
 * @param nms the per-class NMS
 * @param maxPerImg detections kept per image
 * @param maskThrBinary mask binarization threshold (default 0.5)
 */
public record RcnnTestConfig(
    @Range(min = 0, max = 1) Double scoreThr,
    NmsConfig nms,
    @Range(min = 1) Integer maxPerImg,
    @Range(min = 0, max = 1) Double maskThrBinary) {
  /** Fills the defaults. */
  public RcnnTestConfig {
    scoreThr = Required.of(scoreThr, "score_thr");
    nms = Required.of(nms, "nms");
    maxPerImg = Required.of(maxPerImg, "max_per_img");
    maskThrBinary = maskThrBinary == null ? 0.5 : maskThrBinary;
  }

  /** The multiclass NMS. */
  public MulticlassNms build() {
    return new MulticlassNms(scoreThr, nms.iouThreshold(), maxPerImg);
  }
}
