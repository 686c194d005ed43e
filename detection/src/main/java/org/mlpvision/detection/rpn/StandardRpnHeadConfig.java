package org.mlpvision.detection.rpn;

import java.util.List;
import org.mlpvision.backbone.FeatureSpec;
import org.mlpvision.core.config.OneOf;
import org.mlpvision.core.config.Range;
import org.mlpvision.detection.config.AnchorGeneratorConfig;
import org.mlpvision.detection.config.BoxCoderConfig;
import org.mlpvision.detection.config.LossConfig;

/**
 * mmdet's {@code RPNHead} config: a shared 3×3 conv + ReLU and two 1×1 outputs per level, sigmoid
 * objectness ({@code CrossEntropyLoss} with {@code use_sigmoid=True}) and a box regression loss.
 *
 * @param type always {@code RPNHead}
 * @param inChannels channels of the neck's levels
 * @param featChannels channels of the shared conv (default {@code in_channels})
 * @param numClasses must be 1 (objectness)
 * @param anchorGenerator the anchors
 * @param bboxCoder the delta coder
 * @param lossCls objectness loss
 * @param lossBbox box regression loss (SmoothL1Loss or L1Loss)
 */
public record StandardRpnHeadConfig(
    @OneOf({"RPNHead"}) String type,
    @Range(min = 1) Integer inChannels,
    @Range(min = 1) Integer featChannels,
    @Range(min = 1, max = 1) Integer numClasses,
    AnchorGeneratorConfig anchorGenerator,
    BoxCoderConfig bboxCoder,
    LossConfig lossCls,
    LossConfig lossBbox)
    implements RpnHeadConfig {
  /** Checks the keys and fills the defaults. */
  public StandardRpnHeadConfig {
    if (type == null || inChannels == null || anchorGenerator == null) {
      throw new IllegalArgumentException("RPNHead needs type, in_channels and anchor_generator");
    }
    featChannels = featChannels == null ? inChannels : featChannels;
    numClasses = numClasses == null ? 1 : numClasses;
    bboxCoder =
        bboxCoder == null ? new BoxCoderConfig("DeltaXYWHBBoxCoder", null, null) : bboxCoder;
    lossCls =
        (lossCls == null
                ? new LossConfig(LossConfig.CROSS_ENTROPY, true, null, 1.0, null, null)
                : lossCls)
            .requireCrossEntropy("loss_cls", true, false);
    lossBbox =
        (lossBbox == null ? new LossConfig(LossConfig.L1, null, null, 1.0, null, null) : lossBbox)
            .require("loss_bbox", LossConfig.SMOOTH_L1, LossConfig.L1);
  }

  @Override
  public RpnHead build(List<FeatureSpec> levels) {
    for (FeatureSpec s : levels) {
      if (s.channels() != inChannels) {
        throw new IllegalArgumentException(
            "in_channels " + inChannels + " differs from the neck's " + s.channels());
      }
    }
    return new RpnHead(this, anchorGenerator.build(levels));
  }
}
