package org.mlpvision.detection.bbox;

import org.mlpvision.core.config.OneOf;
import org.mlpvision.core.config.Range;
import org.mlpvision.detection.config.BoxCoderConfig;
import org.mlpvision.detection.config.LossConfig;
import org.mlpvision.detection.config.NormConfig;
import org.mlpvision.detection.config.RoiExtractorConfig;

/**
 * mmdet's {@code ConvFCBBoxHead} config with shared branches only (the "giou_4conv1f" head of the
 * Swin / AS-MLP recipes: four 3×3 convs with BN, one FC, class-specific deltas, GIoU loss on
 * decoded boxes).
 *
 * @param type always {@code ConvFCBBoxHead}
 * @param numSharedConvs shared 3×3 convs
 * @param numSharedFcs shared FCs
 * @param numClsConvs must be 0 (no separate branches)
 * @param numClsFcs must be 0
 * @param numRegConvs must be 0
 * @param numRegFcs must be 0
 * @param inChannels channels of the pooled features
 * @param convOutChannels channels of the shared convs (default 256)
 * @param fcOutChannels width of the shared FCs (default 1024)
 * @param roiFeatSize side of the pooled features (default 7)
 * @param numClasses foreground classes
 * @param bboxCoder the stage's delta coder
 * @param regClassAgnostic one box per RoI instead of one per class
 * @param regDecodedBbox whether the box loss compares decoded boxes (GIoU)
 * @param normCfg norm after each conv, or none
 * @param lossCls softmax cross-entropy
 * @param lossBbox box loss
 */
public record ConvFcBboxHeadConfig(
    @OneOf({"ConvFCBBoxHead"}) String type,
    @Range(min = 0, max = 64) Integer numSharedConvs,
    @Range(min = 0, max = 64) Integer numSharedFcs,
    @Range(min = 0, max = 0) Integer numClsConvs,
    @Range(min = 0, max = 0) Integer numClsFcs,
    @Range(min = 0, max = 0) Integer numRegConvs,
    @Range(min = 0, max = 0) Integer numRegFcs,
    @Range(min = 1) Integer inChannels,
    @Range(min = 1) Integer convOutChannels,
    @Range(min = 1) Integer fcOutChannels,
    @Range(min = 1) Integer roiFeatSize,
    @Range(min = 1) Integer numClasses,
    BoxCoderConfig bboxCoder,
    Boolean regClassAgnostic,
    Boolean regDecodedBbox,
    NormConfig normCfg,
    LossConfig lossCls,
    LossConfig lossBbox)
    implements BboxHeadConfig {
  /** The config type name. */
  public static final String TYPE = "ConvFCBBoxHead";

  /** Fills mmdet's defaults and checks the combination. */
  public ConvFcBboxHeadConfig {
    if (type == null || inChannels == null || numClasses == null) {
      throw new IllegalArgumentException("ConvFCBBoxHead needs type, in_channels and num_classes");
    }
    numSharedConvs = numSharedConvs == null ? 0 : numSharedConvs;
    numSharedFcs = numSharedFcs == null ? 0 : numSharedFcs;
    convOutChannels = convOutChannels == null ? 256 : convOutChannels;
    fcOutChannels = fcOutChannels == null ? 1024 : fcOutChannels;
    roiFeatSize = roiFeatSize == null ? 7 : roiFeatSize;
    bboxCoder =
        bboxCoder == null ? new BoxCoderConfig("DeltaXYWHBBoxCoder", null, null) : bboxCoder;
    regClassAgnostic = regClassAgnostic != null && regClassAgnostic;
    regDecodedBbox = regDecodedBbox != null && regDecodedBbox;
    lossCls = BboxHead.softmaxLoss(lossCls);
    lossBbox = BboxHead.boxLoss(lossBbox, regDecodedBbox);
    if (normCfg != null && !normCfg.requiresGrad()) {
      throw new IllegalArgumentException("norm_cfg.requires_grad=False is not supported");
    }
  }

  @Override
  public BboxHead build(int inChannels, int roiSize) {
    RoiExtractorConfig.requireHeadInput(this.inChannels, roiFeatSize, inChannels, roiSize);
    return new BboxHead(this);
  }
}
