package org.mlpvision.segmentation.heads;

import java.util.List;
import org.mlpvision.backbone.FeatureSpec;
import org.mlpvision.core.config.Defaults;
import org.mlpvision.core.config.OneOf;
import org.mlpvision.core.config.Range;

/**
 * {@code {"type": "fcn_head", ...}}: mmseg's {@code FCNHead} arguments (its input channels come
 * from the backbone). Absent keys take mmseg's defaults; {@code channels} and {@code num_classes}
 * are required, as in mmseg. UperNet's auxiliary head sets {@code in_index 2, channels 256,
 * num_convs 1, concat_input false} and a loss weight of 0.4.
 *
 * @param type always {@code fcn_head}
 * @param inIndex the backbone level read (default -1, the last)
 * @param channels width of the convs
 * @param numConvs ConvModules before the classifier (default 2)
 * @param kernelSize their kernel side (default 3)
 * @param concatInput add {@code conv_cat} over input and convs (default true)
 * @param dropoutRatio {@code Dropout2d} before {@code conv_seg} (default 0.1)
 * @param numClasses classes
 * @param alignCorners of the bilinear resizes (default false)
 * @param ignoreIndex label without loss (default 255)
 * @param lossDecode the loss (default cross entropy, weight 1)
 */
public record FcnHeadConfig(
    @OneOf({"fcn_head"}) String type,
    Integer inIndex,
    @Range(min = 1, max = 65536) Integer channels,
    @Range(min = 0, max = 64) Integer numConvs,
    @Range(min = 1, max = 31) Integer kernelSize,
    Boolean concatInput,
    @Range(min = 0, max = 1) Double dropoutRatio,
    @Range(min = 1, max = 100000) Integer numClasses,
    Boolean alignCorners,
    @Range(min = 0) Integer ignoreIndex,
    LossDecodeConfig lossDecode)
    implements DecodeHeadConfig {
  /** The config type name. */
  public static final String TYPE = "fcn_head";

  /** Fills the defaults and checks the required keys. */
  public FcnHeadConfig {
    type = Defaults.or(type, TYPE);
    if (channels == null || numClasses == null) {
      throw new IllegalArgumentException("fcn_head needs 'channels' and 'num_classes'");
    }
    inIndex = Defaults.or(inIndex, -1);
    numConvs = Defaults.or(numConvs, 2);
    kernelSize = Defaults.or(kernelSize, 3);
    concatInput = Defaults.or(concatInput, true);
    dropoutRatio = Defaults.or(dropoutRatio, 0.1);
    alignCorners = Defaults.or(alignCorners, false);
    ignoreIndex = Defaults.or(ignoreIndex, 255);
    lossDecode = Defaults.or(lossDecode, LossDecodeConfig.defaults());
  }

  /** The shared settings. */
  public HeadSettings settings() {
    return new HeadSettings(
        numClasses, channels, dropoutRatio, alignCorners, ignoreIndex, lossDecode.lossWeight());
  }

  @Override
  public DecodeHead build(List<FeatureSpec> levels) {
    return new FcnHead(levels, inIndex, numConvs, kernelSize, concatInput, settings());
  }
}
