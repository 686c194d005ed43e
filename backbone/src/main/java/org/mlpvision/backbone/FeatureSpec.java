package org.mlpvision.backbone;

/**
 * What one backbone output is, without running it (detectron2's {@code ShapeSpec}): necks and heads
 * size themselves from these.
 *
 * @param name output name ({@code stage1} .. {@code stage4})
 * @param channels channel count
 * @param stride nominal stride relative to the input (4, 8, 16, 32)
 */
public record FeatureSpec(String name, int channels, int stride) {
  /** Validates the fields. */
  public FeatureSpec {
    if (name == null || name.isBlank() || channels < 1 || stride < 1) {
      throw new IllegalArgumentException(
          "bad feature spec: name " + name + ", channels " + channels + ", stride " + stride);
    }
  }
}
