package org.mlpvision.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.core.device.RuntimeConfig;

class ConfigLoaderTest {
  record Inner(@Range(min = 1, max = 8) Integer depth, @OneOf({"bn", "gn"}) String norm) {
    Inner {
      depth = Defaults.or(depth, 2);
      norm = Defaults.or(norm, "bn");
    }
  }

  record Outer(String name, List<Inner> stages, @Range(min = 0, max = 1) Double dropPath) {
    Outer {
      name = Defaults.or(name, "net");
      stages = Defaults.list(stages, List.of());
      dropPath = Defaults.or(dropPath, 0.0);
    }
  }

  @TempDir Path dir;

  private Path write(String json) throws Exception {
    Path f = dir.resolve("recipe.json");
    Files.writeString(f, json);
    return f;
  }

  @Test
  void bindsValuesAndFillsDefaults() throws Exception {
    Outer o = ConfigLoader.load(write("{\"stages\": [{\"depth\": 3}, {}]}"), Outer.class);
    assertThat(o.name()).isEqualTo("net");
    assertThat(o.dropPath()).isEqualTo(0.0);
    assertThat(o.stages()).containsExactly(new Inner(3, "bn"), new Inner(2, "bn"));
  }

  @Test
  void unknownKeyNamesFileKeyPathAndKnownKeys() throws Exception {
    Path f = write("{\"stages\": [{\"depht\": 3}]}");
    assertThatThrownBy(() -> ConfigLoader.load(f, Outer.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("'stages[0].depht'")
        .hasMessageContaining("unknown key 'depht'")
        .hasMessageContaining("[depth, norm]");
  }

  @Test
  void wrongTypeNamesKeyPathAndValue() throws Exception {
    Path f = write("{\"stages\": [{\"depth\": \"three\"}]}");
    assertThatThrownBy(() -> ConfigLoader.load(f, Outer.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("'stages[0].depth'")
        .hasMessageContaining("\"three\"");
  }

  @Test
  void numbersAreNotSilentlyCoerced() throws Exception {
    Path asString = write("{\"stages\": [{\"depth\": \"3\"}]}");
    assertThatThrownBy(() -> ConfigLoader.load(asString, Outer.class))
        .hasMessageContaining("stages[0].depth");
    Path fractional = write("{\"stages\": [{\"depth\": 2.5}]}");
    assertThatThrownBy(() -> ConfigLoader.load(fractional, Outer.class))
        .hasMessageContaining("stages[0].depth")
        .hasMessageContaining("2.5");
    Path numberAsName = write("{\"name\": 7}");
    assertThatThrownBy(() -> ConfigLoader.load(numberAsName, Outer.class))
        .hasMessageContaining("'name'")
        .hasMessageContaining("7");
  }

  @Test
  void outOfRangeNamesKeyPathAndValue() throws Exception {
    Path f = write("{\"stages\": [{}, {\"depth\": 9}]}");
    assertThatThrownBy(() -> ConfigLoader.load(f, Outer.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("'stages[1].depth'")
        .hasMessageContaining("value 9 out of range [1.0, 8.0]");
    Path g = write("{\"drop_path\": -0.5}");
    assertThatThrownBy(() -> ConfigLoader.load(g, Outer.class))
        .hasMessageContaining("'drop_path'")
        .hasMessageContaining("-0.5");
  }

  @Test
  void valueOutsideOneOfIsRejected() throws Exception {
    Path f = write("{\"stages\": [{\"norm\": \"ln\"}]}");
    assertThatThrownBy(() -> ConfigLoader.load(f, Outer.class))
        .hasMessageContaining("'stages[0].norm'")
        .hasMessageContaining("'ln' is not one of [bn, gn]");
  }

  @Test
  void malformedJsonNamesFileAndLine() throws Exception {
    Path f = write("{\n\"name\": \"x\",,\n}");
    assertThatThrownBy(() -> ConfigLoader.load(f, Outer.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("line 2");
  }

  @Test
  void duplicateKeysAreRejected() throws Exception {
    Path f = write("{\"name\": \"a\", \"name\": \"b\"}");
    assertThatThrownBy(() -> ConfigLoader.load(f, Outer.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("name");
  }

  @Test
  void wrongTypeSaysWhatWasExpectedWithoutJacksonInternals() throws Exception {
    record Typed(Integer count, Double rate, Boolean flag, String name, List<Integer> sizes) {}
    String[][] cases = {
      {"{\"count\": \"abc\"}", "'count'", "expected an integer, found the string \"abc\""},
      {"{\"count\": 1.5}", "'count'", "expected an integer, found the number 1.5"},
      {"{\"rate\": {\"a\": 1}}", "'rate'", "expected a number, found an object {\"a\":1}"},
      {"{\"flag\": 1}", "'flag'", "expected true or false, found the number 1"},
      {"{\"name\": [1]}", "'name'", "expected a string, found an array [1]"},
      {"{\"sizes\": [2, \"x\"]}", "'sizes[1]'", "expected an integer, found the string \"x\""},
      {"{\"sizes\": 3}", "'sizes'", "expected an array, found the number 3"},
    };
    for (String[] c : cases) {
      Path f = write(c[0]);
      assertThatThrownBy(() -> ConfigLoader.load(f, Typed.class))
          .as(c[0])
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining(f.toString())
          .hasMessageContaining(c[1])
          .hasMessageContaining(c[2])
          .message()
          .doesNotContain("Coercion", "java.lang", "JsonToken", "`");
    }
  }

  @Test
  void aNestedSectionGivenAsAScalarAsksForAnObject() throws Exception {
    Path f = write("{\"stages\": [3]}");
    assertThatThrownBy(() -> ConfigLoader.load(f, Outer.class))
        .hasMessageContaining("'stages[0]'")
        .hasMessageContaining("expected an object, found the number 3");
  }

  @Test
  void aDirectoryIsNamedAsADirectory() {
    assertThatThrownBy(() -> ConfigLoader.load(dir, Outer.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(dir.toString())
        .hasMessageContaining("is a directory")
        .message()
        .doesNotContain("not found");
  }

  @Test
  void missingFileIsNamed() {
    Path f = dir.resolve("nope.json");
    assertThatThrownBy(() -> ConfigLoader.load(f, Outer.class))
        .hasMessageContaining("nope.json")
        .hasMessageContaining("not found");
  }

  @Test
  void sectionsCarryTheirPathPrefixInErrors() {
    ConfigSource src = ConfigSource.of("mem.json", "{\"runtime\": {\"device\": \"tpu\"}}");
    assertThatThrownBy(() -> src.section("runtime", RuntimeConfig.class))
        .hasMessageContaining("mem.json")
        .hasMessageContaining("'runtime.device'")
        .hasMessageContaining("tpu");
  }

  @Test
  void runtimeDefaultsArePinned() {
    RuntimeConfig r = ConfigSource.of("mem.json", "{}").section("runtime", RuntimeConfig.class);
    assertThat(r).isEqualTo(RuntimeConfig.defaults());
    assertThat(r.device()).isEqualTo("auto");
    assertThat(r.intraOpThreads()).isZero();
    assertThat(r.interOpThreads()).isZero();
    assertThat(r.seed()).isEqualTo(42L);
  }
}
