package org.mlpvision.core.inject;

import com.fasterxml.jackson.databind.JsonNode;
import org.mlpvision.core.config.ConfigLoader;

/**
 * One pluggable component type read from config: {@code {"type": name, ...}} binds strictly to
 * {@code configClass}, a record that knows how to build the component. Modules register one per
 * backbone, neck or head with {@link Components#registerType}; builders look the {@code type} up
 * with {@link Components#parse}.
 *
 * @param name the config {@code type} value ({@code hire_mlp}, {@code fpn}, ...)
 * @param configClass the record the rest of the object binds to
 * @param <T> the kind of component config ({@code BackboneConfig}, a neck or head config, ...)
 */
public record ConfigType<T>(String name, Class<? extends T> configClass) {
  /** Binds {@code node} strictly; errors name {@code source} and the key path. */
  public T parse(JsonNode node, String source, String path) {
    return ConfigLoader.bind(node, configClass, source, path);
  }
}
