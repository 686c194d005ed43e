package org.mlpvision.detection.roi;

import java.util.List;
import org.mlpvision.backbone.FeatureSpec;
import org.mlpvision.detection.config.ComponentParser;

/**
 * A RoI head type of the detection config ({@code model.roi_head}, chosen by {@code type});
 * registered in {@link org.mlpvision.detection.DetectionModule}.
 */
public interface RoiHeadConfig {
  /**
   * Builds the head over the neck's levels.
   *
   * @param parser binds nested typed configs (box and mask heads)
   * @param path this config's key path, for error messages
   * @throws IllegalArgumentException when the config does not fit the levels
   */
  RoiHead build(List<FeatureSpec> levels, ComponentParser parser, String path);
}
