package org.mlpvision.detection.config;

import java.util.List;
import org.mlpvision.backbone.FeatureSpec;
import org.mlpvision.core.config.OneOf;
import org.mlpvision.core.config.Range;
import org.mlpvision.detection.roi.FpnLevelMapper;
import org.mlpvision.detection.roi.FpnRoiExtractor;

/**
 * mmdet's {@code SingleRoIExtractor}: RoIAlign on the level each RoI's scale maps to.
 *
 * @param type always {@code SingleRoIExtractor}
 * @param roiLayer the pooling op
 * @param outChannels channels of the levels read (must equal the neck's)
 * @param featmapStrides strides of the levels read, a prefix of the neck's ({@code [4, 8, 16, 32]})
 * @param finestScale scale mapped to the first level's upper bound (default 56)
 */
public record RoiExtractorConfig(
    @OneOf({"SingleRoIExtractor"}) String type,
    RoiLayer roiLayer,
    @Range(min = 1) Integer outChannels,
    List<Integer> featmapStrides,
    @Range(min = 1) Double finestScale) {
  /**
   * mmcv's {@code RoIAlign} ({@code pool_mode='avg'}).
   *
   * @param type always {@code RoIAlign}
   * @param outputSize output side (7 boxes, 14 masks)
   * @param samplingRatio samples per bin side, 0 for adaptive (default 0)
   * @param aligned the half-pixel offset (default true)
   */
  public record RoiLayer(
      @OneOf({"RoIAlign"}) String type,
      @Range(min = 1, max = 64) Integer outputSize,
      @Range(min = 0, max = 64) Integer samplingRatio,
      Boolean aligned) {
    /** Fills the defaults. */
    public RoiLayer {
      type = Required.of(type, "type");
      outputSize = Required.of(outputSize, "output_size");
      samplingRatio = samplingRatio == null ? 0 : samplingRatio;
      if (aligned != null && !aligned) {
        throw new IllegalArgumentException("only aligned=True RoIAlign is supported");
      }
      aligned = true;
    }
  }

  /** Checks the keys. */
  public RoiExtractorConfig {
    type = Required.of(type, "type");
    roiLayer = Required.of(roiLayer, "roi_layer");
    outChannels = Required.of(outChannels, "out_channels");
    featmapStrides = List.copyOf(Required.of(featmapStrides, "featmap_strides"));
    finestScale = finestScale == null ? 56.0 : finestScale;
  }

  /** The output side. */
  public int outputSize() {
    return roiLayer.outputSize();
  }

  /**
   * The extractor over the first {@code featmap_strides.size()} of {@code levels}.
   *
   * @throws IllegalArgumentException when strides or channels disagree with the levels
   */
  public FpnRoiExtractor build(List<FeatureSpec> levels) {
    int n = featmapStrides.size();
    List<Integer> neck = levels.stream().map(FeatureSpec::stride).toList();
    if (n > neck.size() || !neck.subList(0, n).equals(featmapStrides)) {
      throw new IllegalArgumentException(
          "featmap_strides " + featmapStrides + " must be a prefix of the neck's strides " + neck);
    }
    for (FeatureSpec s : levels.subList(0, n)) {
      if (s.channels() != outChannels) {
        throw new IllegalArgumentException(
            "out_channels " + outChannels + " differs from the neck's " + s.channels());
      }
    }
    return new FpnRoiExtractor(
        roiLayer.outputSize(),
        featmapStrides.stream().mapToInt(Integer::intValue).toArray(),
        roiLayer.samplingRatio(),
        new FpnLevelMapper(finestScale, n));
  }

  /**
   * Checks that a head's configured input is what its extractor gives.
   *
   * @throws IllegalArgumentException naming both when they differ
   */
  public static void requireHeadInput(int headChannels, int headSize, int channels, int size) {
    if (headChannels != channels || headSize != size) {
      throw new IllegalArgumentException(
          "in_channels "
              + headChannels
              + " and roi_feat_size "
              + headSize
              + " must match the RoI extractor's "
              + channels
              + " channels and "
              + size
              + "x"
              + size
              + " output");
    }
  }
}
