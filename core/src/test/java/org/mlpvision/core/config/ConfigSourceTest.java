package org.mlpvision.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.LongNode;
import org.junit.jupiter.api.Test;

class ConfigSourceTest {
  @Test
  void anOverrideReplacesOneValueAndCreatesMissingSectionsWithoutTouchingTheOriginal() {
    ConfigSource c = ConfigSource.of("r.json", "{\"runtime\": {\"seed\": 0, \"device\": \"cpu\"}}");
    ConfigSource seeded = c.with("runtime.seed", LongNode.valueOf(5));
    assertThat(seeded.node("runtime").get("seed").asLong()).isEqualTo(5);
    assertThat(seeded.node("runtime").get("device").asText()).isEqualTo("cpu");
    assertThat(c.node("runtime").get("seed").asLong()).isZero();
    assertThat(c.with("train.max_iters", LongNode.valueOf(3)).node("train.max_iters").asLong())
        .isEqualTo(3);
  }

  @Test
  void anOverrideThroughAValueThatIsNotASectionIsNamed() {
    ConfigSource c = ConfigSource.of("r.json", "{\"runtime\": 3}");
    assertThatThrownBy(() -> c.with("runtime.seed", LongNode.valueOf(5)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("r.json")
        .hasMessageContaining("runtime");
  }
}
