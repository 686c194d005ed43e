package org.mlpvision.backbone;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.mlpvision.backbone.asmlp.AsMlpConfig;
import org.mlpvision.backbone.hire.HireMlpConfig;
import org.mlpvision.core.config.ConfigException;
import org.mlpvision.core.config.ConfigLoader;

/**
 * The backbone factory: the seven named variants with the official hyper-parameters ({@code
 * hire_mlp_tiny} .. {@code hire_mlp_large}, {@code as_mlp_tiny} .. {@code as_mlp_base}), and custom
 * architectures from config ({@code {"type": "hire_mlp" | "as_mlp", ...}}). A config builds the
 * dense backbone ({@link BackboneConfig#dense()}) or the classifier ({@link
 * BackboneConfig#classifier()}, {@code num_classes}).
 */
public final class Backbones {
  /** Architecture families by config {@code type}. */
  public static final Map<String, BackboneType> TYPES =
      Map.of(
          HireMlpConfig.TYPE, new BackboneType(HireMlpConfig.TYPE, HireMlpConfig.class),
          AsMlpConfig.TYPE, new BackboneType(AsMlpConfig.TYPE, AsMlpConfig.class));

  private static final Map<String, BackboneConfig> VARIANTS = presets();

  private Backbones() {}

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
   * Binds a config object {@code {"type": ..., ...}} strictly.
   *
   * @param source file name for error messages
   * @param path key path of {@code node} in the file ("" for the root)
   */
  public static BackboneConfig fromJson(JsonNode node, String source, String path) {
    JsonNode type = node == null ? null : node.get("type");
    if (type == null || !type.isTextual()) {
      throw new ConfigException(
          source,
          path.isEmpty() ? "type" : path + ".type",
          "missing backbone type; known: " + new TreeSet<>(TYPES.keySet()));
    }
    BackboneType t = TYPES.get(type.asText());
    if (t == null) {
      throw new ConfigException(
          source,
          path.isEmpty() ? "type" : path + ".type",
          "unknown backbone type '" + type.asText() + "'; known: " + new TreeSet<>(TYPES.keySet()));
    }
    return t.parse(node, source, path);
  }

  /** Reads a config file. */
  public static BackboneConfig load(Path file) {
    return fromJson(ConfigLoader.readTree(file), file.toString(), "");
  }

  /** A variant name, or else the path of a config file. */
  public static BackboneConfig resolve(String nameOrPath) {
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
