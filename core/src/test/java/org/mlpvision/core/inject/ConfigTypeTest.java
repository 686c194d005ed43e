package org.mlpvision.core.inject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlpvision.core.config.ConfigException;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.core.config.Defaults;

class ConfigTypeTest {
  interface ShapeConfig {
    double area();
  }

  record SquareConfig(String type, Double side) implements ShapeConfig {
    SquareConfig {
      side = Defaults.or(side, 1.0);
    }

    @Override
    public double area() {
      return side * side;
    }
  }

  record RectConfig(String type, Double width, Double height) implements ShapeConfig {
    @Override
    public double area() {
      return width * height;
    }
  }

  private static Map<String, ConfigType<ShapeConfig>> registry() {
    return Guice.createInjector(
            new AbstractModule() {
              @Override
              protected void configure() {
                Components.registerType(binder(), ShapeConfig.class, "square", SquareConfig.class);
                Components.registerType(binder(), ShapeConfig.class, "rect", RectConfig.class);
              }
            })
        .getInstance(Components.typesKey(ShapeConfig.class));
  }

  @Test
  void aRegisteredTypeBindsItsObjectStrictlyWithSnakeCaseKeys() {
    var types = registry();
    assertThat(types.keySet()).containsExactlyInAnyOrder("square", "rect");
    ConfigSource src =
        ConfigSource.of("s.json", "{\"shape\": {\"type\": \"rect\", \"width\": 2, \"height\": 3}}");
    ShapeConfig shape =
        Components.parse(types, src.root().get("shape"), src.source(), "shape", "shape");
    assertThat(shape).isInstanceOf(RectConfig.class);
    assertThat(shape.area()).isEqualTo(6.0);
  }

  @Test
  void unknownOrMissingTypesNameTheKeyAndListTheKnownOnes() {
    var types = registry();
    ConfigSource src = ConfigSource.of("s.json", "{\"shape\": {\"type\": \"circle\"}}");
    assertThatThrownBy(
            () -> Components.parse(types, src.root().get("shape"), "s.json", "shape", "shape"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("shape.type")
        .hasMessageContaining("unknown shape type 'circle'")
        .hasMessageContaining("[rect, square]");
    ConfigSource bad =
        ConfigSource.of("s.json", "{\"shape\": {\"type\": \"square\", \"sides\": 2}}");
    assertThatThrownBy(
            () -> Components.parse(types, bad.root().get("shape"), "s.json", "shape", "shape"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'sides'");
  }
}
