package org.mlpvision.detection.bbox;

import org.mlpvision.core.config.OneOf;
import org.mlpvision.core.config.Range;
import org.mlpvision.detection.config.BoxCoderConfig;
import org.mlpvision.detection.config.LossConfig;

/**
 * mmdet's {@code Shared2FCBBoxHead} config (the R-50 recipes): two shared FCs, usually
 * class-agnostic deltas with smooth L1.
 *
 * @param type always {@code Shared2FCBBoxHead}
 * @param inChannels channels of the pooled features
 * @param fcOutChannels width of the FCs (default 1024)
 * @param roiFeatSize side of the pooled features (default 7)
 * @param numClasses foreground classes
 * @param bboxCoder the stage's delta coder
 * @param regClassAgnostic one box per RoI instead of one per class
 * @param regDecodedBbox whether the box loss compares decoded boxes
 * @param lossCls softmax cross-entropy
 * @param lossBbox box loss
 */
public record Shared2FcBboxHeadConfig(
    @OneOf({"Shared2FCBBoxHead"}) String type,
    @Range(min = 1) Integer inChannels,
    @Range(min = 1) Integer fcOutChannels,
    @Range(min = 1) Integer roiFeatSize,
    @Range(min = 1) Integer numClasses,
    BoxCoderConfig bboxCoder,
    Boolean regClassAgnostic,
    Boolean regDecodedBbox,
    LossConfig lossCls,
    LossConfig lossBbox)
    implements BboxHeadConfig {
  /** Fills mmdet's defaults. */
  public Shared2FcBboxHeadConfig {
    if (type == null || inChannels == null || numClasses == null) {
      throw new IllegalArgumentException(
          "Shared2FCBBoxHead needs type, in_channels and num_classes");
    }
    fcOutChannels = fcOutChannels == null ? 1024 : fcOutChannels;
    roiFeatSize = roiFeatSize == null ? 7 : roiFeatSize;
    bboxCoder =
        bboxCoder == null ? new BoxCoderConfig("DeltaXYWHBBoxCoder", null, null) : bboxCoder;
    regClassAgnostic = regClassAgnostic != null && regClassAgnostic;
    regDecodedBbox = regDecodedBbox != null && regDecodedBbox;
    lossCls = BboxHead.softmaxLoss(lossCls);
    lossBbox = BboxHead.boxLoss(lossBbox, regDecodedBbox);
  }

  @Override
  public BboxHead build(int inChannels, int roiSize) {
    // mmdet's Shared2FCBBoxHead is a ConvFCBBoxHead with no convs and two shared FCs.
    return new ConvFcBboxHeadConfig(
            ConvFcBboxHeadConfig.TYPE,
            0,
            2,
            null,
            null,
            null,
            null,
            this.inChannels,
            null,
            fcOutChannels,
            roiFeatSize,
            numClasses,
            bboxCoder,
            regClassAgnostic,
            regDecodedBbox,
            null,
            lossCls,
            lossBbox)
        .build(inChannels, roiSize);
  }
}
