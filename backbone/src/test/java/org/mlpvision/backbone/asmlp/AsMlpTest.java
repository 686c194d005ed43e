package org.mlpvision.backbone.asmlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlpvision.backbone.Backbone;
import org.mlpvision.backbone.Backbones;
import org.mlpvision.backbone.FeatureMaps;

class AsMlpTest {
  private static final AsMlpConfig NARROW =
      new AsMlpConfig(null, 8, List.of(1, 1, 2, 1), null, null, 0.1, null, null, null, null);

  @Test
  void outputSizesFollowTheSegmentationPadding() {
    Backbone net = Backbones.named("as_mlp_tiny").dense();
    assertThat(net.outputSizes(225, 223))
        .containsExactly(
            new long[] {57, 56}, new long[] {29, 28}, new long[] {15, 14}, new long[] {8, 7});
    assertThat(net.outputSizes(97, 131))
        .containsExactly(
            new long[] {25, 33}, new long[] {13, 17}, new long[] {7, 9}, new long[] {4, 5});
    assertThat(net.outputSizes(33, 33))
        .containsExactly(
            new long[] {9, 9}, new long[] {5, 5}, new long[] {3, 3}, new long[] {2, 2});
    assertThat(net.outputSizes(16, 16))
        .containsExactly(
            new long[] {4, 4}, new long[] {2, 2}, new long[] {1, 1}, new long[] {1, 1});
    assertThat(net.outputSizes(224, 224))
        .containsExactly(
            new long[] {56, 56}, new long[] {28, 28}, new long[] {14, 14}, new long[] {7, 7});
  }

  @Test
  void forwardShapesMatchThePredictedSizesForOddInputs() {
    Backbone net = NARROW.dense();
    try (NDManager m = NDManager.newBaseManager()) {
      net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      ParameterStore ps = new ParameterStore(m, false);
      for (int[] hw : new int[][] {{97, 131}, {33, 33}, {16, 16}, {225, 223}}) {
        FeatureMaps out = net.extract(ps, m.randomNormal(new Shape(1, 3, hw[0], hw[1])), false);
        List<long[]> sizes = net.outputSizes(hw[0], hw[1]);
        for (int i = 0; i < 4; i++) {
          assertThat(out.get("stage" + (i + 1)).getShape())
              .isEqualTo(new Shape(1, 8L << i, sizes.get(i)[0], sizes.get(i)[1]));
        }
      }
    }
  }

  @Test
  void wrongInputShapesFailWithOneLineNamingTheShape() {
    Backbone net = NARROW.dense();
    try (NDManager m = NDManager.newBaseManager()) {
      net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      ParameterStore ps = new ParameterStore(m, false);
      assertThatThrownBy(() -> net.extract(ps, m.zeros(new Shape(3, 32, 32)), false))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("AS-MLP needs an (N, 3, H, W) image batch, got shape (3, 32, 32)");
      assertThatThrownBy(() -> net.extract(ps, m.zeros(new Shape(1, 3, 0, 8)), false))
          .hasMessage("AS-MLP needs an input of at least 1x1 (HxW) for its stem, got 0x8");
      // Its stem pads, so one pixel is enough.
      assertThat(net.extract(ps, m.zeros(new Shape(1, 3, 1, 1)), false).get("stage4").getShape())
          .isEqualTo(new Shape(1, 64, 1, 1));
    }
  }

  @Test
  void selectedOutputsAndFrozenStages() {
    AsMlpConfig cfg =
        new AsMlpConfig(
            null,
            8,
            List.of(1, 1, 1, 1),
            null,
            null,
            0.0,
            null,
            List.of("stage2", "stage4"),
            1,
            null);
    Backbone net = cfg.dense();
    assertThat(net.outputShapes()).extracting(f -> f.name()).containsExactly("stage2", "stage4");
    long frozen = net.getParameters().values().stream().filter(p -> !p.requiresGradient()).count();
    // patch_embed (proj w/b, norm w/b) + stage 1 block (4 convs w/b, 2 GN w/b, 2 norms w/b, mlp 2x
    // w/b)
    // + stage 1 merging (norm w/b, reduction w).
    assertThat(frozen).isEqualTo(4 + 20 + 3);
    try (NDManager m = NDManager.newBaseManager()) {
      net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      FeatureMaps out =
          net.extract(new ParameterStore(m, false), m.randomNormal(new Shape(1, 3, 64, 64)), false);
      assertThat(out.names()).containsExactly("stage2", "stage4");
    }
  }

  @Test
  void patchMergingTakesSubGridsInTheOfficialOrder() {
    // With identity-like norm statistics removed, check the concatenation order directly.
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.arange(16f).reshape(1, 1, 4, 4);
      NDArray y =
          x.get(":, :, 0::2, 0::2")
              .concat(x.get(":, :, 1::2, 0::2"), 1)
              .concat(x.get(":, :, 0::2, 1::2"), 1)
              .concat(x.get(":, :, 1::2, 1::2"), 1);
      assertThat(y.get(0, 1, 0, 0).getFloat()).isEqualTo(4f);
      assertThat(y.get(0, 2, 0, 0).getFloat()).isEqualTo(1f);
    }
  }
}
