package org.mlpvision.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.mlpvision.backbone.Backbones;
import org.mlpvision.core.config.ConfigException;
import org.mlpvision.core.config.ConfigSource;

class ClassificationRecipeTest {
  private static ClassificationRecipe recipe(ConfigSource src) {
    return ClassificationRecipe.from(src, Backbones.standard());
  }

  static final Path SHIPPED =
      Path.of("..", "configs", "classification", "hire_mlp_narrow_shapes.json");

  @Test
  void shippedRecipeBindsWithNoDecayOnNorms() {
    ClassificationRecipe r = recipe(ConfigSource.load(SHIPPED));
    assertThat(r.model().type()).isEqualTo("hire_mlp");
    assertThat(r.model().numClasses()).isEqualTo(4);
    assertThat(r.train().optimizer().paramGroups())
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.pattern()).isEqualTo("norm");
              assertThat(g.decayMult()).isZero();
            });
    assertThat(r.data().imageSize()).isEqualTo(32);
  }

  @Test
  void missingClassCountIsTakenFromTheDataSet() {
    ClassificationRecipe r =
        recipe(
            ConfigSource.of(
                "t.json",
                "{\"model\": {\"type\": \"as_mlp\", \"embed_dim\": 8, \"depths\": [1, 1, 1, 1]}}"));
    assertThat(r.model().numClasses()).isEqualTo(4);
    assertThat(r.train().maxIters()).isEqualTo(1000);
  }

  @Test
  void unknownKeysAndWrongClassCountsNameTheKey() {
    assertThatThrownBy(
            () ->
                recipe(
                    ConfigSource.of(
                        "t.json", "{\"model\": {\"type\": \"as_mlp\"}, \"trian\": {}}")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'trian'");
    assertThatThrownBy(
            () ->
                recipe(
                    ConfigSource.of(
                        "t.json", "{\"model\": {\"type\": \"as_mlp\", \"num_classes\": 10}}")))
        .hasMessageContaining("model.num_classes");
    assertThatThrownBy(
            () ->
                recipe(
                    ConfigSource.of(
                        "t.json",
                        "{\"model\": {\"type\": \"as_mlp\"}, \"train\": {\"max_iters\": \"5\"}}")))
        .hasMessageContaining("train.max_iters");
  }
}
