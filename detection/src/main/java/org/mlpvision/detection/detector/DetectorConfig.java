package org.mlpvision.detection.detector;

import com.fasterxml.jackson.databind.JsonNode;
import org.mlpvision.core.config.OneOf;
import org.mlpvision.detection.config.TestCfg;
import org.mlpvision.detection.config.TrainCfg;

/**
 * The {@code model} section of a detection recipe, mirroring mmdet's config: the backbone (one of
 * the backbone types), and the neck, RPN head and RoI head chosen by their {@code type} (bound by
 * {@link DetectorFactory}), with the {@code train_cfg} and {@code test_cfg} trees.
 *
 * @param type the detector ({@code CascadeRCNN})
 * @param pretrained accepted for mmdet configs; must be null (weights come from the recipe)
 * @param backbone the bottom-up backbone's config
 * @param neck the neck's typed config
 * @param rpnHead the RPN head's typed config
 * @param roiHead the RoI head's typed config
 * @param trainCfg training settings, or null for an inference-only model
 * @param testCfg inference settings, or null for a training-only model
 */
public record DetectorConfig(
    @OneOf({"CascadeRCNN"}) String type,
    String pretrained,
    JsonNode backbone,
    JsonNode neck,
    JsonNode rpnHead,
    JsonNode roiHead,
    TrainCfg trainCfg,
    TestCfg testCfg) {
  /** Checks the keys. */
  public DetectorConfig {
    if (type == null) {
      throw new IllegalArgumentException("type is required (CascadeRCNN)");
    }
    if (pretrained != null) {
      throw new IllegalArgumentException(
          "pretrained must be null: load weights through the recipe instead");
    }
    if (neck == null || rpnHead == null || roiHead == null) {
      throw new IllegalArgumentException("a two-stage detector needs neck, rpn_head and roi_head");
    }
  }

  /** The same model with other train and test settings (mmdet's top-level overrides). */
  public DetectorConfig withCfgs(TrainCfg train, TestCfg test) {
    return new DetectorConfig(type, pretrained, backbone, neck, rpnHead, roiHead, train, test);
  }
}
