package org.mlpvision.segmentation.heads;

import java.util.List;
import java.util.stream.IntStream;
import org.mlpvision.backbone.FeatureSpec;
import org.mlpvision.core.config.Defaults;
import org.mlpvision.core.config.OneOf;
import org.mlpvision.core.config.Range;

/**
 * {@code {"type": "uper_head", ...}}: mmseg's {@code UPerHead} arguments (its input channels come
 * from the backbone). Absent keys take mmseg's defaults; {@code channels} and {@code num_classes}
 * are required, as in mmseg.
 *
 * @param type always {@code uper_head}
 * @param inIndex backbone levels read, fine to coarse (default: all of them)
 * @param poolScales PPM output sides (default 1, 2, 3, 6)
 * @param channels width of every branch (UperNet: 512)
 * @param dropoutRatio {@code Dropout2d} before {@code conv_seg} (default 0.1)
 * @param numClasses classes (ADE20K: 150)
 * @param alignCorners of the bilinear resizes (default false)
 * @param ignoreIndex label without loss (default 255)
 * @param lossDecode the loss (default cross entropy, weight 1)
 */
public record UperHeadConfig(
    @OneOf({"uper_head"}) String type,
    List<Integer> inIndex,
    @Range(min = 1, max = 1024) List<Integer> poolScales,
    @Range(min = 1, max = 65536) Integer channels,
    @Range(min = 0, max = 1) Double dropoutRatio,
    @Range(min = 1, max = 100000) Integer numClasses,
    Boolean alignCorners,
    @Range(min = 0) Integer ignoreIndex,
    LossDecodeConfig lossDecode)
    implements DecodeHeadConfig {
  /** The config type name. */
  public static final String TYPE = "uper_head";

  /** Fills the defaults and checks the required keys. */
  public UperHeadConfig {
    type = Defaults.or(type, TYPE);
    if (channels == null || numClasses == null) {
      throw new IllegalArgumentException("uper_head needs 'channels' and 'num_classes'");
    }
    inIndex = inIndex == null ? null : List.copyOf(inIndex);
    poolScales = Defaults.list(poolScales, List.of(1, 2, 3, 6));
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
    List<Integer> index =
        inIndex != null ? inIndex : IntStream.range(0, levels.size()).boxed().toList();
    return new UperHead(levels, index, poolScales, settings());
  }
}
