package org.mlpvision.detection.rpn;

import java.util.List;
import org.mlpvision.backbone.FeatureSpec;

/**
 * An RPN head type of the detection config ({@code model.rpn_head}, chosen by {@code type});
 * registered in {@link org.mlpvision.detection.DetectionModule}.
 */
public interface RpnHeadConfig {
  /**
   * Builds the head over the neck's levels.
   *
   * @throws IllegalArgumentException when the config does not fit the levels
   */
  RpnHead build(List<FeatureSpec> levels);
}
