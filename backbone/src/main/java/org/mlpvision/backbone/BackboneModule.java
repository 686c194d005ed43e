package org.mlpvision.backbone;

import com.google.inject.AbstractModule;
import java.util.Map;
import org.mlpvision.core.inject.Components;

/**
 * Guice wiring of the backbones: every named variant is a {@link BackboneConfig} under its config
 * name ({@code hire_mlp_tiny} .. {@code as_mlp_base}), and each architecture family a {@link
 * BackboneType} under its {@code type} ({@code hire_mlp}, {@code as_mlp}); inject {@code
 * Map<String, BackboneConfig>} or {@code Map<String, BackboneType>} and use {@link
 * Components#select}.
 */
public final class BackboneModule extends AbstractModule {
  @Override
  protected void configure() {
    for (Map.Entry<String, BackboneConfig> e : Backbones.variants().entrySet()) {
      Components.register(binder(), BackboneConfig.class, e.getKey(), e.getValue());
    }
    for (Map.Entry<String, BackboneType> e : Backbones.TYPES.entrySet()) {
      Components.register(binder(), BackboneType.class, e.getKey(), e.getValue());
    }
  }
}
