package org.mlpvision.detection.neck;

import org.mlpvision.backbone.Backbone;

/**
 * A neck type of the detection config ({@code model.neck}, chosen by {@code type}); registered in
 * {@link org.mlpvision.detection.DetectionModule}.
 */
public interface NeckConfig {
  /**
   * Builds the neck over {@code bottomUp}.
   *
   * @throws IllegalArgumentException when the config does not fit the backbone's outputs
   */
  Neck build(Backbone bottomUp);
}
