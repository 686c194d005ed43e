package org.mlpvision.backbone.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.backbone.Backbone;
import org.mlpvision.backbone.Classifier;
import org.mlpvision.backbone.TestConfigs;
import org.mlpvision.backbone.hire.HireMlpConfig;
import org.mlpvision.core.weights.LoadReport;
import org.mlpvision.core.weights.ParameterNames;
import org.mlpvision.core.weights.StateDict;
import org.mlpvision.core.weights.WeightLoader;

class CheckpointLoadingTest {
  private static final HireMlpConfig SMALL =
      TestConfigs.narrowHire(List.of(1, 1, 1, 1), 0.0, 10, null, null);

  @Test
  void parameterNamesAreTheOfficialStateDictKeys() {
    var names = ParameterNames.of(SMALL.classifier()).keySet();
    assertThat(names)
        .contains(
            "patch_embed.proj.weight",
            "patch_embed.norm.running_var",
            "network.0.0.attn.mlp_h1.weight",
            "network.0.0.attn.mlp_h1_norm.running_mean",
            "network.0.0.attn.reweight.fc2.bias",
            "network.1.proj.weight",
            "network.6.0.mlp.fc2.weight",
            "norm.weight",
            "head.bias")
        .doesNotContain("network.0.0.attn.mlp_h1.bias");
  }

  @Test
  void ownCheckpointsRoundTripExactly(@TempDir Path dir) throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      Classifier a = initialized(m, SMALL.classifier());
      Path file = save(a, dir.resolve("ckpt.safetensors"));
      Classifier b = initialized(m, SMALL.classifier());
      LoadReport r = WeightLoader.load(b, StateDict.read(file, m), true, file.toString());
      assertThat(r.isComplete()).isTrue();
      assertThat(r.loaded()).isEqualTo(ParameterNames.of(a).size());
      NDArray x = m.randomNormal(new Shape(2, 3, 32, 32));
      ParameterStore ps = new ParameterStore(m, false);
      NDArray ya = a.forward(ps, new ai.djl.ndarray.NDList(x), false).singletonOrThrow();
      NDArray yb = b.forward(ps, new ai.djl.ndarray.NDList(x), false).singletonOrThrow();
      assertThat(ya.eq(yb).all().getBoolean()).isTrue();
    }
  }

  @Test
  void classifierWeightsLoadNonStrictlyIntoTheDenseBackboneWithAReport(@TempDir Path dir)
      throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      Classifier cls = initialized(m, SMALL.classifier());
      Path file = save(cls, dir.resolve("cls.safetensors"));
      Backbone dense = initialized(m, SMALL.dense());
      StateDict sd = StateDict.read(file, m);
      assertThatThrownBy(() -> WeightLoader.load(dense, sd, true, "cls.safetensors"))
          .hasMessageContaining("cls.safetensors")
          .hasMessageContaining("missing 16 [norm0.weight")
          .hasMessageContaining("unexpected 6 [norm.weight");
      LoadReport r = WeightLoader.load(dense, sd, false, "cls.safetensors");
      assertThat(r.missing()).contains("norm0.weight", "norm6.running_var").hasSize(16);
      assertThat(r.unexpected())
          .containsExactlyInAnyOrder(
              "norm.weight",
              "norm.bias",
              "norm.running_mean",
              "norm.running_var",
              "head.weight",
              "head.bias");
      assertThat(r.mismatched()).isEmpty();
      NDArray expected = WeightLoader.stateDict(cls).get("network.2.0.attn.proj.weight");
      NDArray got = WeightLoader.stateDict(dense).get("network.2.0.attn.proj.weight");
      assertThat(got.eq(expected).all().getBoolean()).isTrue();
    }
  }

  @Test
  void shapeMismatchesNameTheKeyAndBothShapes(@TempDir Path dir) throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      Classifier a = initialized(m, SMALL.classifier());
      Path file = save(a, dir.resolve("a.safetensors"));
      Classifier b = initialized(m, SMALL.withNumClasses(5).classifier());
      NDArray before = WeightLoader.stateDict(b).get("head.weight").duplicate();
      LoadReport r = WeightLoader.load(b, StateDict.read(file, m), false, "a");
      assertThat(r.mismatched()).hasSize(2);
      assertThat(r.mismatched().get(0).toString())
          .isEqualTo("head.weight (expected [5, 32], found [10, 32])");
      assertThat(WeightLoader.stateDict(b).get("head.weight").eq(before).all().getBoolean())
          .isTrue();
    }
  }

  @Test
  void weightsThatMatchNothingFailEvenWithoutStrictAndCopyNothing(@TempDir Path dir)
      throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      Classifier a = initialized(m, SMALL.classifier());
      Map<String, NDArray> renamed = new LinkedHashMap<>();
      WeightLoader.stateDict(a).tensors().forEach((k, v) -> renamed.put("backbone." + k, v));
      Classifier b = initialized(m, SMALL.classifier());
      NDArray before = WeightLoader.stateDict(b).get("head.weight").duplicate();
      int total = ParameterNames.of(b).size();
      assertThatThrownBy(() -> WeightLoader.load(b, new StateDict(renamed), false, "x.pth"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("x.pth")
          .hasMessageContaining("0 of " + total)
          .hasMessageContaining("unexpected " + total + " [backbone.patch_embed");
      assertThat(WeightLoader.stateDict(b).get("head.weight").eq(before).all().getBoolean())
          .isTrue();
    }
  }

  @Test
  void aLoadBelowTheMinimumShareFailsAndAboveItReportsTheRest(@TempDir Path dir) throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      Classifier a = initialized(m, SMALL.classifier());
      Map<String, NDArray> all = WeightLoader.stateDict(a).tensors();
      Map<String, NDArray> third = new LinkedHashMap<>();
      all.keySet().stream().limit(all.size() / 3).forEach(k -> third.put(k, all.get(k)));
      Classifier b = initialized(m, SMALL.classifier());
      StateDict partial = new StateDict(third);
      assertThatThrownBy(() -> WeightLoader.load(b, partial, false, "part.safetensors"))
          .hasMessageContaining("part.safetensors")
          .hasMessageContaining(third.size() + " of " + all.size())
          .hasMessageContaining("below the minimum of 50%");
      LoadReport r = WeightLoader.load(b, partial, false, 0.25, "part.safetensors");
      assertThat(r.loaded()).isEqualTo(third.size());
      assertThat(r.missing()).hasSize(all.size() - third.size());
    }
  }

  /** {@code b} with its parameters allocated for the 32×32 inputs these tests use. */
  private static <B extends Block> B initialized(NDManager m, B b) {
    b.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
    return b;
  }

  /** Writes {@code b}'s state dict to {@code file}, returned. */
  private static Path save(Block b, Path file) throws IOException {
    WeightLoader.stateDict(b).writeSafetensors(file);
    return file;
  }
}
