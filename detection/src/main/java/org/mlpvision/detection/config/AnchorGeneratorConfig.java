package org.mlpvision.detection.config;

import java.util.List;
import org.mlpvision.backbone.FeatureSpec;
import org.mlpvision.core.config.OneOf;
import org.mlpvision.detection.anchor.AnchorGenerator;

/**
 * mmdet's {@code anchor_generator}: {@code AnchorGenerator} with base size = stride, centre offset
 * 0, scale-major order.
 *
 * @param type always {@code AnchorGenerator}
 * @param scales anchor scales in units of the base size ({@code [8]})
 * @param ratios height/width ratios ({@code [0.5, 1.0, 2.0]})
 * @param strides per-level strides ({@code [4, 8, 16, 32, 64]}); must equal the neck's
 */
public record AnchorGeneratorConfig(
    @OneOf({"AnchorGenerator"}) String type,
    List<Double> scales,
    List<Double> ratios,
    List<Integer> strides) {
  /** Checks the keys. */
  public AnchorGeneratorConfig {
    type = Required.of(type, "type");
    scales = List.copyOf(Required.of(scales, "scales"));
    ratios = List.copyOf(Required.of(ratios, "ratios"));
    strides = List.copyOf(Required.of(strides, "strides"));
  }

  /**
   * The generator over {@code levels}; their strides must be this config's.
   *
   * @throws IllegalArgumentException naming both lists when they differ
   */
  public AnchorGenerator build(List<FeatureSpec> levels) {
    List<Integer> neck = levels.stream().map(FeatureSpec::stride).toList();
    if (!neck.equals(strides)) {
      throw new IllegalArgumentException(
          "anchor_generator.strides " + strides + " must equal the neck's output strides " + neck);
    }
    return new AnchorGenerator(
        strides.stream().mapToInt(Integer::intValue).toArray(),
        Required.floats(ratios),
        Required.floats(scales));
  }
}
