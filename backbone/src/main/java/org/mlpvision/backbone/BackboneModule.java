package org.mlpvision.backbone;

import com.google.inject.AbstractModule;
import java.util.Map;
import org.mlpvision.backbone.asmlp.AsMlpConfig;
import org.mlpvision.backbone.hire.HireMlpConfig;
import org.mlpvision.core.inject.Components;

/**
 * Guice wiring of the backbones: each architecture family is a config type of {@link
 * BackboneConfig} under its {@code type} ({@code hire_mlp}, {@code as_mlp}; inject {@code
 * Map<String, ConfigType<BackboneConfig>>} or {@link Backbones}), and every named variant a {@link
 * BackboneConfig} under its name ({@code hire_mlp_tiny} .. {@code as_mlp_base}; inject {@code
 * Map<String, BackboneConfig>}). A new backbone is one config record plus one {@code registerType}
 * line here.
 *
 * <p>Task modules install it; all instances are equal, so Guice installs it once however many tasks
 * do.
 */
public final class BackboneModule extends AbstractModule {
  @Override
  protected void configure() {
    Components.registerType(
        binder(), BackboneConfig.class, HireMlpConfig.TYPE, HireMlpConfig.class);
    Components.registerType(binder(), BackboneConfig.class, AsMlpConfig.TYPE, AsMlpConfig.class);
    for (Map.Entry<String, BackboneConfig> e : Backbones.variants().entrySet()) {
      Components.register(binder(), BackboneConfig.class, e.getKey(), e.getValue());
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BackboneModule;
  }

  @Override
  public int hashCode() {
    return BackboneModule.class.hashCode();
  }
}
