package org.mlpvision.core.inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.Binder;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.util.Types;
import java.util.Map;
import java.util.TreeSet;
import org.mlpvision.core.config.ConfigException;

/**
 * Named components: every pluggable kind (backbones, heads, datasets) is a Guice {@link MapBinder}
 * from config name to implementation. Adding a component is one class plus one {@code register}
 * line in its module; nothing in core changes.
 */
public final class Components {
  private Components() {}

  /** The registry of {@code type} in this binder; modules call it to add entries. */
  public static <T> MapBinder<String, T> registry(Binder binder, Class<T> type) {
    return MapBinder.newMapBinder(binder, String.class, type);
  }

  /** Registers {@code impl} under {@code name}. */
  public static <T> void register(
      Binder binder, Class<T> type, String name, Class<? extends T> impl) {
    registry(binder, type).addBinding(name).to(impl);
  }

  /** Registers a ready instance under {@code name}. */
  public static <T> void register(Binder binder, Class<T> type, String name, T instance) {
    registry(binder, type).addBinding(name).toInstance(instance);
  }

  /**
   * Registers the config type {@code name} of component kind {@code kind}: an injected {@code
   * Map<String, ConfigType<K>>} then holds it.
   */
  public static <K> void registerType(
      Binder binder, Class<K> kind, String name, Class<? extends K> configClass) {
    MapBinder.newMapBinder(binder, TypeLiteral.get(String.class), typeLiteral(kind))
        .addBinding(name)
        .toInstance(new ConfigType<>(name, configClass));
  }

  /** The injection key of the config types of {@code kind}: {@code Map<String, ConfigType<K>>}. */
  @SuppressWarnings("unchecked")
  public static <K> Key<Map<String, ConfigType<K>>> typesKey(Class<K> kind) {
    return (Key<Map<String, ConfigType<K>>>)
        Key.get(Types.mapOf(String.class, Types.newParameterizedType(ConfigType.class, kind)));
  }

  @SuppressWarnings("unchecked")
  private static <K> TypeLiteral<ConfigType<K>> typeLiteral(Class<K> kind) {
    return (TypeLiteral<ConfigType<K>>)
        TypeLiteral.get(Types.newParameterizedType(ConfigType.class, kind));
  }

  /**
   * Binds {@code node} ({@code {"type": name, ...}}) with the registered type of that name.
   *
   * @param source file name for error messages
   * @param path key path of {@code node} in the file ("" for the root)
   * @param kind what is being configured, for messages ("neck")
   * @throws ConfigException when the type is missing or unknown (listing the known ones) or the
   *     object does not bind
   */
  public static <K> K parse(
      Map<String, ConfigType<K>> types, JsonNode node, String source, String path, String kind) {
    String typePath = path.isEmpty() ? "type" : path + ".type";
    JsonNode type = node == null ? null : node.get("type");
    if (type == null || !type.isTextual()) {
      throw new ConfigException(
          source, typePath, "missing " + kind + " type; known: " + new TreeSet<>(types.keySet()));
    }
    ConfigType<K> t = types.get(type.asText());
    if (t == null) {
      throw new ConfigException(
          source,
          typePath,
          "unknown "
              + kind
              + " type '"
              + type.asText()
              + "'; known: "
              + new TreeSet<>(types.keySet()));
    }
    return t.parse(node, source, path);
  }

  /**
   * Looks {@code name} up in an injected registry.
   *
   * @param kind what the registry holds, for the error message ("backbone")
   * @throws IllegalArgumentException for an unknown name, listing the known names
   */
  public static <T> T select(Map<String, T> registry, String name, String kind) {
    T found = registry.get(name);
    if (found == null) {
      throw new IllegalArgumentException(
          "unknown " + kind + " '" + name + "'; known: " + new TreeSet<>(registry.keySet()));
    }
    return found;
  }
}
