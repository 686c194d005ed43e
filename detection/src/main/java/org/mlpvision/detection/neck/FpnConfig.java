package org.mlpvision.detection.neck;

import java.util.List;
import org.mlpvision.backbone.Backbone;
import org.mlpvision.core.config.OneOf;
import org.mlpvision.core.config.Range;

/**
 * mmdet's {@code FPN} neck config ({@code type='FPN'}): lateral 1×1 and output 3×3 convolutions
 * with bias, no norm and no activation; levels beyond the backbone's come from stride-2 subsampling
 * of the last one ({@code add_extra_convs=False}).
 *
 * @param type always {@code FPN}
 * @param inChannels channels of the backbone outputs, all of them (must equal the backbone's)
 * @param outChannels channels of every output level
 * @param numOuts number of output levels
 * @param startLevel first backbone output used (default 0)
 * @param addExtraConvs must be false (extra levels by max-pooling)
 */
public record FpnConfig(
    @OneOf({"FPN"}) String type,
    List<Integer> inChannels,
    @Range(min = 1) Integer outChannels,
    @Range(min = 1) Integer numOuts,
    @Range(min = 0) Integer startLevel,
    Boolean addExtraConvs)
    implements NeckConfig {
  /** Checks the keys and fills the defaults. */
  public FpnConfig {
    if (type == null || inChannels == null || outChannels == null || numOuts == null) {
      throw new IllegalArgumentException("FPN needs type, in_channels, out_channels and num_outs");
    }
    inChannels = List.copyOf(inChannels);
    startLevel = startLevel == null ? 0 : startLevel;
    if (addExtraConvs != null && addExtraConvs) {
      throw new IllegalArgumentException(
          "add_extra_convs is not supported: extra levels come from max-pooling");
    }
    addExtraConvs = false;
    if (startLevel >= inChannels.size()) {
      throw new IllegalArgumentException(
          "start_level " + startLevel + " must index in_channels " + inChannels);
    }
    if (numOuts < inChannels.size() - startLevel) {
      throw new IllegalArgumentException(
          "num_outs "
              + numOuts
              + " must be at least the levels used ("
              + (inChannels.size() - startLevel)
              + ")");
    }
  }

  @Override
  public Fpn build(Backbone bottomUp) {
    return new Fpn(bottomUp, this);
  }
}
