package org.mlpvision.backbone;

import com.fasterxml.jackson.databind.JsonNode;
import org.mlpvision.core.config.ConfigLoader;

/**
 * An architecture family and its config record: {@code {"type": name, ...}} binds strictly to
 * {@code configClass}.
 *
 * @param name the config {@code type} value
 * @param configClass the record the rest of the object binds to
 */
public record BackboneType(String name, Class<? extends BackboneConfig> configClass) {
  /** Binds {@code node} strictly; errors name {@code source} and the key path. */
  public BackboneConfig parse(JsonNode node, String source, String path) {
    return ConfigLoader.bind(node, configClass, source, path);
  }
}
