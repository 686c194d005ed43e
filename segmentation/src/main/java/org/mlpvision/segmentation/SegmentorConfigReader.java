package org.mlpvision.segmentation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import jakarta.inject.Inject;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.mlpvision.backbone.BackboneConfig;
import org.mlpvision.backbone.Backbones;
import org.mlpvision.core.config.ConfigException;
import org.mlpvision.core.config.ConfigLoader;
import org.mlpvision.core.inject.Components;
import org.mlpvision.core.inject.ConfigType;
import org.mlpvision.segmentation.heads.DecodeHeadConfig;
import org.mlpvision.segmentation.inference.TestCfg;

/**
 * Reads a {@code model} section into a {@link SegmentorConfig}, strictly: the backbone by its
 * {@code type} among the backbone families, each head by its {@code type} among the head types
 * registered in {@link SegmentationModule}. Errors name the file, the key path and the value.
 */
public final class SegmentorConfigReader {
  /** The only {@code model.type}. */
  public static final String TYPE = "encoder_decoder";

  private static final Set<String> KEYS =
      Set.of("type", "pretrained", "backbone", "decode_head", "auxiliary_head", "test_cfg");

  private final Backbones backbones;
  private final Map<String, ConfigType<DecodeHeadConfig>> heads;

  /**
   * @param backbones the backbone architectures by {@code type}
   * @param heads the registered head types by {@code type}
   */
  @Inject
  public SegmentorConfigReader(
      Backbones backbones, Map<String, ConfigType<DecodeHeadConfig>> heads) {
    this.backbones = backbones;
    this.heads = Map.copyOf(heads);
  }

  /**
   * Binds {@code node}.
   *
   * @param source file name for messages
   * @param path key path of {@code node} ({@code model})
   */
  public SegmentorConfig read(JsonNode node, String source, String path) {
    if (node == null || !node.isObject()) {
      throw new ConfigException(source, path, "expected an object, found " + node);
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        throw new ConfigException(
            source,
            key(path, key),
            "unknown key '" + key + "'; known keys: " + new TreeSet<>(KEYS));
      }
    }
    JsonNode type = node.get("type");
    if (type != null && !TYPE.equals(type.asText())) {
      throw new ConfigException(source, key(path, "type"), "expected '" + TYPE + "', got " + type);
    }
    BackboneConfig backbone =
        backbones.fromJson(node.get("backbone"), source, key(path, "backbone"));
    DecodeHeadConfig decode =
        Components.parse(
            heads, node.get("decode_head"), source, key(path, "decode_head"), "decode head");
    JsonNode auxNode = node.get("auxiliary_head");
    DecodeHeadConfig aux =
        auxNode == null || auxNode.isNull()
            ? null
            : Components.parse(
                heads, auxNode, source, key(path, "auxiliary_head"), "auxiliary head");
    if (aux != null && !aux.numClasses().equals(decode.numClasses())) {
      throw new ConfigException(
          source,
          key(path, "auxiliary_head.num_classes"),
          aux.numClasses() + " differs from decode_head.num_classes " + decode.numClasses());
    }
    JsonNode testNode = node.get("test_cfg");
    TestCfg test =
        ConfigLoader.bind(
            testNode == null || testNode.isNull()
                ? JsonNodeFactory.instance.objectNode()
                : testNode,
            TestCfg.class,
            source,
            key(path, "test_cfg"));
    JsonNode pre = node.get("pretrained");
    if (pre != null && !pre.isNull() && !pre.isTextual()) {
      throw new ConfigException(
          source, key(path, "pretrained"), "expected a file path, got " + pre);
    }
    return new SegmentorConfig(
        backbone, decode, aux, test, pre == null || pre.isNull() ? null : pre.asText());
  }

  private static String key(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
