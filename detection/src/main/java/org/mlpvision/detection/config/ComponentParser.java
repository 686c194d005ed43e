package org.mlpvision.detection.config;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Binds a {@code {"type": ..., ...}} object to the config type registered under that name for a
 * component kind (neck, heads). Components whose configs nest other typed components (a RoI head's
 * box and mask heads) parse them through this.
 */
public interface ComponentParser {
  /**
   * @param kind the component kind's config interface ({@code BboxHeadConfig.class})
   * @param node the object
   * @param path its key path in the source, for error messages
   * @throws org.mlpvision.core.config.ConfigException when the type is unknown or the object does
   *     not bind
   */
  <K> K parse(Class<K> kind, JsonNode node, String path);
}
