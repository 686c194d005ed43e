package org.mlpvision.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parsed configuration document and the name it came from; sections are bound strictly to records
 * on demand so that each module owns the schema of its own section.
 *
 * @param source file name used in error messages
 * @param root the whole document
 */
public record ConfigSource(String source, JsonNode root) {

  /** Reads a JSON config file. */
  public static ConfigSource load(Path file) {
    return new ConfigSource(file.toString(), ConfigLoader.readTree(file));
  }

  /** Wraps an in-memory document (tests, embedded recipes). */
  public static ConfigSource of(String source, String json) {
    try {
      return new ConfigSource(source, ConfigLoader.mapper().readTree(json));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ConfigException(source, "", "malformed JSON: " + e.getOriginalMessage());
    }
  }

  /**
   * The node at a dotted path such as {@code model.backbone}; an absent section is an empty object,
   * so that a record with all defaults binds.
   */
  public JsonNode node(String path) {
    JsonNode n = root;
    if (!path.isEmpty()) {
      for (String key : path.split("\\.")) {
        n = n == null ? null : n.get(key);
      }
    }
    return n == null || n.isNull() ? JsonNodeFactory.instance.objectNode() : n;
  }

  /**
   * Checks a recipe's top level: a JSON object whose keys are all in {@code keys}, with {@code
   * "task": task}.
   *
   * @param taskOptional whether a recipe without a {@code task} key passes
   * @throws ConfigException naming the unknown key (and the known ones) or the wrong task
   */
  public void checkRecipe(String task, Set<String> keys, boolean taskOptional) {
    if (!root.isObject()) {
      throw new ConfigException(source, "", "a recipe must be a JSON object");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!keys.contains(key)) {
        throw new ConfigException(
            source, key, "unknown key '" + key + "'; known keys: " + new TreeSet<>(keys));
      }
    }
    JsonNode t = root.get("task");
    if ((t == null && !taskOptional) || (t != null && !task.equals(t.asText()))) {
      throw new ConfigException(source, "task", "expected '" + task + "', got " + t);
    }
  }

  /**
   * This document with the value at a dotted path such as {@code runtime.seed} replaced (sections
   * on the way are created), as a command-line override; the original is left unchanged.
   */
  public ConfigSource with(String path, JsonNode value) {
    JsonNode copy = root.deepCopy();
    if (!copy.isObject()) {
      throw new ConfigException(source, "", "the document is not a JSON object");
    }
    String[] keys = path.split("\\.");
    ObjectNode n = (ObjectNode) copy;
    for (int i = 0; i < keys.length - 1; i++) {
      JsonNode next = n.get(keys[i]);
      if (next != null && !next.isObject()) {
        throw new ConfigException(source, keys[i], "is not a section");
      }
      n = next == null ? n.putObject(keys[i]) : (ObjectNode) next;
    }
    n.set(keys[keys.length - 1], value);
    return new ConfigSource(source, copy);
  }

  /** Binds the section at {@code path} strictly to {@code type}. */
  public <T> T section(String path, Class<T> type) {
    return ConfigLoader.bind(node(path), type, source, path);
  }

  /** Binds the whole document strictly to {@code type}. */
  public <T> T as(Class<T> type) {
    return ConfigLoader.bind(root, type, source, "");
  }
}
