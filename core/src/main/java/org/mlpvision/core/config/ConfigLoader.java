package org.mlpvision.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mlpvision.core.io.RegularFiles;

/**
 * Strict binding of JSON configuration files onto immutable records.
 *
 * <p>Unknown keys, values of the wrong JSON type (no silent coercion of {@code "3"} to 3 or of 2.5
 * to 2) and values outside a component's {@link Range} or {@link OneOf} are all {@link
 * ConfigException}s naming the file, the key path and the bad value. Absent keys bind to {@code
 * null}; records substitute their pinned defaults (see {@link Defaults}).
 */
public final class ConfigLoader {
  private static final ObjectMapper MAPPER = newMapper();

  private ConfigLoader() {}

  private static ObjectMapper newMapper() {
    JsonMapper mapper =
        JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(SerializationFeature.INDENT_OUTPUT)
            // One key style everywhere, as mmdetection writes its configs: record component
            // maxIters binds "max_iters" (and is written back the same way).
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();
    // Numbers and booleans never become strings, and strings never become numbers.
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    return mapper;
  }

  /** The shared strict mapper, also used to write resolved configurations. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Parses a JSON file into a tree; syntax errors name the file, line and column. */
  public static JsonNode readTree(Path file) {
    Optional<String> problem = RegularFiles.problem(file, "a config file");
    if (problem.isPresent()) {
      throw new ConfigException(file.toString(), "", problem.get());
    }
    try {
      JsonNode node = MAPPER.readTree(file.toFile());
      if (node == null || node.isMissingNode()) {
        throw new ConfigException(file.toString(), "", "empty config file");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new ConfigException(
          file.toString(), "", "malformed JSON: " + e.getOriginalMessage() + location(e));
    } catch (IOException e) {
      throw new ConfigException(file.toString(), "", "cannot read: " + e.getMessage());
    }
  }

  /** Loads {@code file} strictly into {@code type}. */
  public static <T> T load(Path file, Class<T> type) {
    return bind(readTree(file), type, file.toString(), "");
  }

  /**
   * Binds a subtree strictly into {@code type}.
   *
   * @param node the JSON subtree
   * @param source file name used in error messages
   * @param pathPrefix key path of {@code node} inside the file ({@code ""} for the root)
   */
  public static <T> T bind(JsonNode node, Class<T> type, String source, String pathPrefix) {
    T value;
    try {
      value = MAPPER.treeToValue(node, type);
    } catch (UnrecognizedPropertyException e) {
      String path = join(pathPrefix, pathOf(e));
      throw new ConfigException(
          source,
          path,
          "unknown key '"
              + e.getPropertyName()
              + "'; known keys: "
              + e.getKnownPropertyIds().stream().map(Object::toString).sorted().toList());
    } catch (JsonMappingException e) {
      String path = join(pathPrefix, pathOf(e));
      JsonNode bad = at(node, e.getPath());
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
        String found = bad == null ? "missing" : bad.toString();
        throw new ConfigException(source, path, cause.getMessage() + " (value: " + found + ")");
      }
      if (e instanceof MismatchedInputException m && m.getTargetType() != null && bad != null) {
        // Jackson's own text names Java classes and coercion settings; say it in JSON terms.
        throw new ConfigException(
            source,
            path,
            "expected " + JsonKinds.expected(m.getTargetType()) + ", found " + JsonKinds.of(bad));
      }
      throw new ConfigException(source, path, "wrong type: " + shortMessage(e));
    } catch (JsonProcessingException e) {
      throw new ConfigException(source, pathPrefix, "malformed: " + e.getOriginalMessage());
    }
    if (value == null) {
      throw new ConfigException(source, pathPrefix, "expected an object, found null");
    }
    validate(value, source, pathPrefix);
    return value;
  }

  /** Checks {@link Range}, {@link OneOf} and {@link Matches} annotations on a bound record tree. */
  public static void validate(Object value, String source, String path) {
    if (value == null || !value.getClass().isRecord()) {
      return;
    }
    for (RecordComponent c : value.getClass().getRecordComponents()) {
      Object v;
      try {
        java.lang.reflect.Method accessor = c.getAccessor();
        accessor.setAccessible(true);
        v = accessor.invoke(value);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      String p = join(path, jsonName(c));
      Range range = c.getAnnotation(Range.class);
      OneOf oneOf = c.getAnnotation(OneOf.class);
      if (range != null) {
        checkRange(v, range, source, p);
      }
      if (oneOf != null && v != null && !Arrays.asList(oneOf.value()).contains(v.toString())) {
        throw new ConfigException(
            source, p, "'" + v + "' is not one of " + Arrays.toString(oneOf.value()));
      }
      Matches matches = c.getAnnotation(Matches.class);
      if (matches != null && v != null && !v.toString().matches(matches.value())) {
        throw new ConfigException(
            source, p, "'" + v + "' is not valid: expected " + matches.description());
      }
      if (v instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          validate(list.get(i), source, p + "[" + i + "]");
        }
      } else if (v instanceof Map<?, ?> map) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
          validate(e.getValue(), source, join(p, String.valueOf(e.getKey())));
        }
      } else {
        validate(v, source, p);
      }
    }
  }

  /** The key a record component binds to: its {@code @JsonProperty}, else the snake_case name. */
  private static String jsonName(RecordComponent c) {
    com.fasterxml.jackson.annotation.JsonProperty explicit =
        c.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
    if (explicit != null && !explicit.value().isEmpty()) {
      return explicit.value();
    }
    return PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(c.getName());
  }

  private static void checkRange(Object v, Range range, String source, String path) {
    if (v instanceof Number n) {
      double d = n.doubleValue();
      if (!(d >= range.min() && d <= range.max())) {
        throw new ConfigException(
            source,
            path,
            "value " + v + " out of range [" + range.min() + ", " + range.max() + "]");
      }
    } else if (v instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        checkRange(list.get(i), range, source, path + "[" + i + "]");
      }
    } else if (v != null && v.getClass().isArray()) {
      for (int i = 0; i < Array.getLength(v); i++) {
        checkRange(Array.get(v, i), range, source, path + "[" + i + "]");
      }
    }
  }

  private static String pathOf(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static JsonNode at(JsonNode root, List<JsonMappingException.Reference> path) {
    JsonNode n = root;
    for (JsonMappingException.Reference r : path) {
      if (n == null) {
        return null;
      }
      n = r.getFieldName() != null ? n.get(r.getFieldName()) : n.get(r.getIndex());
    }
    return n;
  }

  private static String join(String prefix, String rel) {
    if (prefix.isEmpty()) {
      return rel;
    }
    if (rel.isEmpty()) {
      return prefix;
    }
    return rel.startsWith("[") ? prefix + rel : prefix + "." + rel;
  }

  private static String shortMessage(JsonMappingException e) {
    String m = e.getOriginalMessage();
    int cut = m.indexOf('\n');
    return cut < 0 ? m : m.substring(0, cut);
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }
}
