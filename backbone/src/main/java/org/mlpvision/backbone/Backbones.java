package org.mlpvision.backbone;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.Guice;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.mlpvision.backbone.asmlp.AsMlpConfig;
import org.mlpvision.backbone.hire.HireMlpConfig;
import org.mlpvision.core.config.ConfigLoader;
import org.mlpvision.core.inject.Components;
import org.mlpvision.core.inject.ConfigType;

/**
 * The backbone factory: the seven named variants with the official hyper-parameters ({@code
 * hire_mlp_tiny} .. {@code hire_mlp_large}, {@code as_mlp_tiny} .. {@code as_mlp_base}, plain
 * presets), and custom architectures from config ({@code {"type": "hire_mlp" | "as_mlp", ...}})
 * through the architecture types that {@link BackboneModule} registers with Guice. A config builds
 * the dense backbone ({@link BackboneConfig#dense()}) or the classifier ({@link
 * BackboneConfig#classifier()}, {@code num_classes}).
 */
public final class Backbones {
  private static final Map<String, BackboneConfig> VARIANTS = presets();

  private final Map<String, ConfigType<BackboneConfig>> types;

  /**
   * @param types the architecture types by config {@code type} (Guice: {@code
   *     Components.typesKey(BackboneConfig.class)})
   */
  @Inject
  public Backbones(Map<String, ConfigType<BackboneConfig>> types) {
    this.types = Map.copyOf(types);
  }

  /** The factory over the types of {@link BackboneModule} (for code that has no injector). */
  public static Backbones standard() {
    return Guice.createInjector(new BackboneModule()).getInstance(Backbones.class);
  }

  private static Map<String, BackboneConfig> presets() {
    Map<String, BackboneConfig> v = new LinkedHashMap<>();
    List<Integer> narrow = List.of(64, 128, 320, 512);
    // Drop path: Tiny 0.0 and Base 0.2 from the official commands; Small 0.1 is train.py's default
    // and Large 0.3 the dense backbone's default (both unverified in the paper).
    v.put("hire_mlp_tiny", hire(List.of(2, 2, 4, 2), narrow, 0.0));
    v.put("hire_mlp_small", hire(List.of(3, 4, 10, 3), narrow, 0.1));
    v.put("hire_mlp_base", hire(List.of(4, 6, 24, 3), narrow, 0.2));
    v.put("hire_mlp_large", hire(List.of(4, 6, 24, 3), List.of(96, 192, 384, 768), 0.3));
    v.put("as_mlp_tiny", as(96, List.of(2, 2, 6, 2), 0.2));
    v.put("as_mlp_small", as(96, List.of(2, 2, 18, 2), 0.3));
    v.put("as_mlp_base", as(128, List.of(2, 2, 18, 2), 0.5));
    return v;
  }

  private static HireMlpConfig hire(List<Integer> depths, List<Integer> dims, double dropPath) {
    return new HireMlpConfig(
        HireMlpConfig.TYPE,
        depths,
        dims,
        List.of(4.0, 4.0, 4.0, 4.0),
        List.of(4, 3, 3, 2),
        List.of(2, 2, 3, 2),
        List.of(2, 2, 1, 1),
        dropPath,
        null,
        null,
        null,
        null);
  }

  private static AsMlpConfig as(int dim, List<Integer> depths, double dropPath) {
    return new AsMlpConfig(AsMlpConfig.TYPE, dim, depths, 5, 4.0, dropPath, null, null, null, null);
  }

  /** The named variants in a stable order. */
  public static Map<String, BackboneConfig> variants() {
    return VARIANTS;
  }

  /**
   * A named variant.
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  public static BackboneConfig named(String name) {
    BackboneConfig c = VARIANTS.get(name);
    if (c == null) {
      throw new IllegalArgumentException(
          "unknown backbone '" + name + "'; known: " + new TreeSet<>(VARIANTS.keySet()));
    }
    return c;
  }

  /**
   * Binds a config object {@code {"type": ..., ...}} strictly with the registered type.
   *
   * @param source file name for error messages
   * @param path key path of {@code node} in the file ("" for the root)
   * @throws org.mlpvision.core.config.ConfigException naming file, key and value
   */
  public BackboneConfig fromJson(JsonNode node, String source, String path) {
    return Components.parse(types, node, source, path, "backbone");
  }

  /** Reads a config file. */
  public BackboneConfig load(Path file) {
    return fromJson(ConfigLoader.readTree(file), file.toString(), "");
  }

  /** A variant name, or else the path of a config file. */
  public BackboneConfig resolve(String nameOrPath) {
    if (VARIANTS.containsKey(nameOrPath)) {
      return VARIANTS.get(nameOrPath);
    }
    Path p = Path.of(nameOrPath);
    if (nameOrPath.endsWith(".json") || Files.exists(p)) {
      return load(p);
    }
    return named(nameOrPath);
  }
}
