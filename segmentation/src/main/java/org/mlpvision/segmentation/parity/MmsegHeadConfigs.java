package org.mlpvision.segmentation.parity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mlpvision.backbone.FeatureSpec;
import org.mlpvision.core.config.ConfigException;

/**
 * Turns an mmseg head dict (as a golden case's {@code meta.json} stores it: {@code {"type":
 * "UPerHead", "in_channels": [...], "norm_cfg": {"type": "BN"}, "loss_decode": {"type":
 * "CrossEntropyLoss", ...}, ...}}) into our config object ({@code {"type": "uper_head", ...}}): the
 * type and loss names are mapped, {@code in_channels} is checked against the stored features (our
 * heads take channels from the backbone), {@code norm_cfg} must be BatchNorm, and every other key
 * is kept for the strict binding to judge.
 */
final class MmsegHeadConfigs {
  private static final Map<String, String> TYPES =
      Map.of("UPerHead", "uper_head", "FCNHead", "fcn_head");
  private static final Set<String> NORMS = Set.of("BN", "SyncBN");

  private MmsegHeadConfigs() {}

  static ObjectNode translate(JsonNode head, List<FeatureSpec> levels, String source, String path) {
    if (head == null || !head.isObject()) {
      throw new ConfigException(source, path, "expected an mmseg head dict, found " + head);
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = head.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      JsonNode v = e.getValue();
      switch (key) {
        case "type" -> {
          String ours = TYPES.get(v.asText());
          if (ours == null) {
            throw new ConfigException(
                source, path + ".type", "unsupported head " + v + "; supported: " + TYPES.keySet());
          }
          out.put("type", ours);
        }
        case "in_channels" -> {} // checked below, once in_index is known
        case "norm_cfg" -> {
          if (!NORMS.contains(v.path("type").asText())
              || !v.path("requires_grad").asBoolean(true)) {
            throw new ConfigException(
                source, path + ".norm_cfg", "only trainable BatchNorm is supported, got " + v);
          }
        }
        case "loss_decode" -> out.set("loss_decode", loss(v, source, path + ".loss_decode"));
        default -> out.set(key, v);
      }
    }
    checkChannels(head, levels, source, path);
    return out;
  }

  private static ObjectNode loss(JsonNode v, String source, String path) {
    if (!"CrossEntropyLoss".equals(v.path("type").asText())
        || v.path("use_sigmoid").asBoolean(false)) {
      throw new ConfigException(
          source, path, "only softmax CrossEntropyLoss is supported, got " + v);
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode().put("type", "cross_entropy");
    if (v.has("loss_weight")) {
      out.set("loss_weight", v.get("loss_weight"));
    }
    return out;
  }

  private static void checkChannels(
      JsonNode head, List<FeatureSpec> levels, String source, String path) {
    JsonNode channels = head.get("in_channels");
    JsonNode index = head.get("in_index");
    if (channels == null || index == null) {
      return;
    }
    boolean list = channels.isArray();
    for (int i = 0; i < (list ? channels.size() : 1); i++) {
      int k = (list ? index.get(i) : index).asInt();
      int level = k < 0 ? levels.size() + k : k;
      int expected = (list ? channels.get(i) : channels).asInt();
      if (level < 0 || level >= levels.size() || levels.get(level).channels() != expected) {
        throw new ConfigException(
            source,
            path + ".in_channels",
            "in_channels "
                + channels
                + " at in_index "
                + index
                + " do not match the features "
                + levels);
      }
    }
  }
}
