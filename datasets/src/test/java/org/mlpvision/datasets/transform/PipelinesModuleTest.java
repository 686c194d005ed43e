package org.mlpvision.datasets.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlpvision.core.inject.Components;

class PipelinesModuleTest {
  @Test
  void presetsAreSelectableByNameAndUnknownNamesListTheKnownOnes() {
    Map<String, Pipeline> registry =
        Guice.createInjector(new PipelinesModule())
            .getInstance(Key.get(new TypeLiteral<Map<String, Pipeline>>() {}));
    assertThat(registry)
        .containsOnlyKeys(
            "coco-train-simple",
            "coco-train-fused",
            "coco-train-swin3x",
            "coco-test",
            "ade-train",
            "ade-test");
    assertThat(Components.select(registry, "ade-train", "pipeline").steps()).hasSize(6);
    assertThatThrownBy(() -> Components.select(registry, "coco-train", "pipeline"))
        .hasMessageContaining("unknown pipeline 'coco-train'")
        .hasMessageContaining("coco-test");
  }
}
