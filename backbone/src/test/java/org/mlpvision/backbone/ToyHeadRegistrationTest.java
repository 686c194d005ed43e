package org.mlpvision.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlpvision.core.config.ConfigException;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.core.config.Defaults;
import org.mlpvision.core.inject.Components;
import org.mlpvision.core.inject.ConfigType;
import org.mlpvision.core.weights.ParameterNames;
import org.mlpvision.nn.Init;
import org.mlpvision.nn.Linear;
import org.mlpvision.nn.UnaryLayer;

/**
 * Adding a head is one class and one binding (docs/extending.md): a config record that builds the
 * layer from the backbone's {@link FeatureSpec}s, registered by name in its module; a recipe then
 * names it by {@code type} and nothing else changes.
 */
class ToyHeadRegistrationTest {
  /** A kind of pluggable component: heads over a backbone's outputs. */
  interface HeadConfig {
    /** Builds the head for the backbone outputs {@code inputs}. */
    UnaryLayer build(List<FeatureSpec> inputs);
  }

  /** The one new class: the head's config record, which builds it. */
  record ToyLinearHeadConfig(String type, Integer numClasses) implements HeadConfig {
    ToyLinearHeadConfig {
      numClasses = Defaults.or(numClasses, 2);
    }

    @Override
    public UnaryLayer build(List<FeatureSpec> inputs) {
      // The coarsest level, whatever the backbone: channels come from its spec, never a constant.
      FeatureSpec last = inputs.get(inputs.size() - 1);
      return new PooledLinear(last.channels(), numClasses);
    }
  }

  /** Global average pooling of an (N, C, H, W) map, then a linear layer to the class logits. */
  static final class PooledLinear extends UnaryLayer {
    private final Linear fc;

    PooledLinear(int channels, int classes) {
      fc = addChildBlock("fc", new Linear(channels, classes, Init.truncNormal(0.02)));
    }

    @Override
    protected NDArray compute(ParameterStore ps, NDArray x, boolean training) {
      NDArray pooled = x.reshape(x.getShape().get(0), x.getShape().get(1), -1).mean(new int[] {2});
      return fc.apply(ps, pooled, training);
    }
  }

  /** The one binding: the head's module registers the type by name. */
  static final class ToyHeadModule extends AbstractModule {
    @Override
    protected void configure() {
      Components.registerType(binder(), HeadConfig.class, "toy_linear", ToyLinearHeadConfig.class);
    }
  }

  private static final String RECIPE =
      """
      {"backbone": {"type": "hire_mlp", "depths": [1, 1, 1, 1], "embed_dims": [8, 16, 24, 32]},
       "head": {"type": "toy_linear", "num_classes": 3}}
      """;

  @Test
  void aRecipeNamesTheNewHeadAndItRunsOnTheBackbonesOutputs() {
    Injector injector = Guice.createInjector(new BackboneModule(), new ToyHeadModule());
    ConfigSource recipe = ConfigSource.of("toy.json", RECIPE);
    Backbone backbone =
        injector
            .getInstance(Backbones.class)
            .fromJson(recipe.node("backbone"), recipe.source(), "backbone")
            .dense();
    Map<String, ConfigType<HeadConfig>> heads =
        injector.getInstance(Components.typesKey(HeadConfig.class));
    UnaryLayer head =
        Components.parse(heads, recipe.node("head"), recipe.source(), "head", "head")
            .build(backbone.outputShapes());
    try (NDManager m = NDManager.newBaseManager()) {
      backbone.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      head.initialize(m, DataType.FLOAT32, new Shape(1, 32, 1, 1));
      ParameterStore ps = new ParameterStore(m, false);
      FeatureMaps features = backbone.extract(ps, m.randomNormal(new Shape(2, 3, 32, 32)), false);
      NDArray logits = head.apply(ps, features.get("stage4"), false);
      assertThat(logits.getShape()).isEqualTo(new Shape(2, 3));
      assertThat(ParameterNames.of(head).keySet()).containsExactly("fc.weight", "fc.bias");
    }
  }

  @Test
  void anUnknownHeadTypeListsTheRegisteredOnes() {
    Injector injector = Guice.createInjector(new ToyHeadModule());
    JsonNode node = ConfigSource.of("toy.json", "{\"type\": \"big_head\"}").root();
    assertThatThrownBy(
            () ->
                Components.parse(
                    injector.getInstance(Components.typesKey(HeadConfig.class)),
                    node,
                    "toy.json",
                    "head",
                    "head"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("toy.json")
        .hasMessageContaining("head.type")
        .hasMessageContaining("unknown head type 'big_head'; known: [toy_linear]");
  }
}
