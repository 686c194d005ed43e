package org.mlpvision.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlpvision.backbone.asmlp.AsMlpConfig;
import org.mlpvision.backbone.hire.HireMlpConfig;
import org.mlpvision.core.config.ConfigException;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.core.inject.Components;
import org.mlpvision.core.inject.ConfigType;

class BackbonesTest {
  @Test
  void namedVariantFilesEqualTheBuiltInPresets() {
    for (Map.Entry<String, BackboneConfig> e : Backbones.variants().entrySet()) {
      Path file = TestFiles.configs().resolve(e.getKey() + ".json");
      assertThat(Files.exists(file)).as(file.toString()).isTrue();
      assertThat(Backbones.standard().load(file)).as(e.getKey()).isEqualTo(e.getValue());
    }
    assertThat(Backbones.variants().keySet())
        .containsExactly(
            "hire_mlp_tiny",
            "hire_mlp_small",
            "hire_mlp_base",
            "hire_mlp_large",
            "as_mlp_tiny",
            "as_mlp_small",
            "as_mlp_base");
  }

  @Test
  void guiceRegistersEveryVariantAndType() {
    Injector injector = Guice.createInjector(new BackboneModule());
    Map<String, BackboneConfig> variants =
        injector.getInstance(Key.get(new TypeLiteral<Map<String, BackboneConfig>>() {}));
    assertThat(variants).hasSize(7);
    assertThat(Components.select(variants, "as_mlp_base", "backbone"))
        .isEqualTo(Backbones.named("as_mlp_base"));
    Map<String, ConfigType<BackboneConfig>> types =
        injector.getInstance(Components.typesKey(BackboneConfig.class));
    assertThat(types.keySet()).containsExactlyInAnyOrder("hire_mlp", "as_mlp");
    assertThat(types.get("as_mlp").configClass()).isEqualTo(AsMlpConfig.class);
    // Installing it twice (two task modules) binds everything once.
    assertThat(
            Guice.createInjector(new BackboneModule(), new BackboneModule())
                .getInstance(Components.typesKey(BackboneConfig.class)))
        .hasSize(2);
  }

  @Test
  void customConfigsBindWithDefaultsForAbsentKeys() {
    ConfigSource src =
        ConfigSource.of(
            "model.json",
            "{\"backbone\": {\"type\": \"as_mlp\", \"embed_dim\": 16, \"depths\": [1,1,2,1],"
                + " \"num_classes\": 5}}");
    BackboneConfig c =
        Backbones.standard().fromJson(src.node("backbone"), "model.json", "backbone");
    AsMlpConfig as = (AsMlpConfig) c;
    assertThat(as.shiftSize()).isEqualTo(5);
    assertThat(as.mlpRatio()).isEqualTo(4.0);
    assertThat(as.outFeatures()).containsExactly("stage1", "stage2", "stage3", "stage4");
    assertThat(c.classifier().numClasses()).isEqualTo(5);
    HireMlpConfig h =
        (HireMlpConfig)
            Backbones.standard()
                .fromJson(ConfigSource.of("x", "{\"type\": \"hire_mlp\"}").root(), "x", "");
    assertThat(h).isEqualTo(Backbones.named("hire_mlp_tiny"));
  }

  @Test
  void badConfigsNameTheFileKeyAndValue() {
    assertThatThrownBy(
            () ->
                Backbones.standard()
                    .fromJson(
                        ConfigSource.of("m.json", "{\"type\": \"hire_mlp\", \"depth\": [1]}")
                            .root(),
                        "m.json",
                        "backbone"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("m.json")
        .hasMessageContaining("depth");
    assertThatThrownBy(
            () ->
                Backbones.standard()
                    .fromJson(
                        ConfigSource.of("m.json", "{\"type\": \"hire_mlp\", \"depths\": [1, 2]}")
                            .root(),
                        "m.json",
                        ""))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("depths")
        .hasMessageContaining("[1, 2]");
    assertThatThrownBy(
            () ->
                Backbones.standard()
                    .fromJson(
                        ConfigSource.of("m.json", "{\"type\": \"vit\"}").root(), "m.json", ""))
        .hasMessageContaining("vit")
        .hasMessageContaining("hire_mlp");
    assertThatThrownBy(
            () ->
                Backbones.standard()
                    .fromJson(
                        ConfigSource.of(
                                "m.json", "{\"type\": \"as_mlp\", \"out_features\": [\"p5\"]}")
                            .root(),
                        "m.json",
                        ""))
        .hasMessageContaining("p5");
    assertThatThrownBy(() -> Backbones.named("hire_mlp_huge"))
        .hasMessageContaining("hire_mlp_huge")
        .hasMessageContaining("as_mlp_tiny");
  }

  @Test
  void denseBackbonesReportTheirOutputs() {
    Backbone hire = Backbones.named("hire_mlp_large").dense();
    assertThat(hire.outputShapes())
        .containsExactly(
            new FeatureSpec("stage1", 96, 4),
            new FeatureSpec("stage2", 192, 8),
            new FeatureSpec("stage3", 384, 16),
            new FeatureSpec("stage4", 768, 32));
    Backbone as = Backbones.named("as_mlp_base").dense();
    assertThat(as.outputShapes())
        .extracting(FeatureSpec::channels)
        .containsExactly(128, 256, 512, 1024);
  }
}
