package org.mlpvision.core.inject;

import com.google.inject.Binder;
import com.google.inject.multibindings.MapBinder;
import java.util.Map;
import java.util.TreeSet;

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
