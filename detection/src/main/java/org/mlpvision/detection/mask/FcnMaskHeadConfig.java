package org.mlpvision.detection.mask;

import org.mlpvision.core.config.OneOf;
import org.mlpvision.core.config.Range;
import org.mlpvision.detection.config.LossConfig;
import org.mlpvision.detection.config.RoiExtractorConfig;

/**
 * mmdet's {@code FCNMaskHead} config: 3×3 convs + ReLU, a 2×2 stride-2 deconv + ReLU, and a 1×1
 * conv to one logit map per class.
 *
 * @param type always {@code FCNMaskHead}
 * @param numConvs 3×3 convs (default 4)
 * @param roiFeatSize side of the pooled features (default 14)
 * @param inChannels channels of the pooled features
 * @param convOutChannels channels of the convs (default 256)
 * @param numClasses foreground classes
 * @param classAgnostic must be false (one map per class)
 * @param lossMask {@code CrossEntropyLoss} with {@code use_mask=True}
 */
public record FcnMaskHeadConfig(
    @OneOf({"FCNMaskHead"}) String type,
    @Range(min = 0, max = 64) Integer numConvs,
    @Range(min = 1) Integer roiFeatSize,
    @Range(min = 1) Integer inChannels,
    @Range(min = 1) Integer convOutChannels,
    @Range(min = 1) Integer numClasses,
    Boolean classAgnostic,
    LossConfig lossMask)
    implements MaskHeadConfig {
  /** Fills mmdet's defaults. */
  public FcnMaskHeadConfig {
    if (type == null || inChannels == null || numClasses == null) {
      throw new IllegalArgumentException("FCNMaskHead needs type, in_channels and num_classes");
    }
    numConvs = numConvs == null ? 4 : numConvs;
    roiFeatSize = roiFeatSize == null ? 14 : roiFeatSize;
    convOutChannels = convOutChannels == null ? 256 : convOutChannels;
    if (classAgnostic != null && classAgnostic) {
      throw new IllegalArgumentException("class_agnostic masks are not supported");
    }
    classAgnostic = false;
    lossMask =
        (lossMask == null
                ? new LossConfig(LossConfig.CROSS_ENTROPY, null, true, null, null, null)
                : lossMask)
            .requireCrossEntropy("loss_mask", false, true);
  }

  @Override
  public FcnMaskHead build(int inChannels, int roiSize) {
    RoiExtractorConfig.requireHeadInput(this.inChannels, roiFeatSize, inChannels, roiSize);
    return new FcnMaskHead(this);
  }
}
