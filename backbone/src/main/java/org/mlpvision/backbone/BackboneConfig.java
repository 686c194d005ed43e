package org.mlpvision.backbone;

/**
 * A backbone architecture read from config ({@code {"type": "hire_mlp", ...}}) or named preset; it
 * builds the dense backbone or the image classifier. Implementations are immutable records bound
 * strictly from JSON.
 */
public interface BackboneConfig {
  /** The architecture family, the config's {@code type} ({@code hire_mlp}, {@code as_mlp}). */
  String type();

  /** Classes of the classifier form; {@code null} in a file means "dense" for CLI defaults. */
  Integer numClasses();

  /** Builds the dense backbone (four feature maps, extra output norms, no head). */
  Backbone dense();

  /** Builds the image classifier with {@link #numClasses()} classes (1000 when unset). */
  Classifier classifier();
}
