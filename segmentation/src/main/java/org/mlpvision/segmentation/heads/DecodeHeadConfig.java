package org.mlpvision.segmentation.heads;

import java.util.List;
import org.mlpvision.backbone.FeatureSpec;

/**
 * A decode or auxiliary head read from config ({@code {"type": "uper_head", ...}}): an immutable
 * record bound strictly from JSON that builds the head for a backbone's outputs. Each type is one
 * record plus one {@code Components.registerType} line in {@code SegmentationModule}.
 */
public interface DecodeHeadConfig {
  /** The config {@code type} ({@code uper_head}, {@code fcn_head}). */
  String type();

  /** Number of classes. */
  Integer numClasses();

  /** Builds the head over a backbone with these outputs (channels come from them). */
  DecodeHead build(List<FeatureSpec> levels);
}
