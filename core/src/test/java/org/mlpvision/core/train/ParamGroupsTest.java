package org.mlpvision.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParamGroupsTest {
  private static final List<ParamGroupRule> MMDET =
      List.of(
          new ParamGroupRule("norm", 0.0, null),
          new ParamGroupRule("absolute_pos_embed", 0.0, null),
          new ParamGroupRule("relative_position_bias_table", 0.0, null));

  @Test
  void namesContainingNormGetNoDecayAndOthersKeepIt() {
    ParamGroups g = new ParamGroups(MMDET);
    assertThat(g.decayMult("03stage1_01block_02norm1_gamma")).isZero();
    assertThat(g.decayMult("05norm3_beta")).isZero();
    assertThat(g.decayMult("04head_02bn_gamma")).isEqualTo(1.0);
    assertThat(g.decayMult("01conv1_bias")).isEqualTo(1.0);
    assertThat(g.lrMult("05norm3_beta")).isEqualTo(1.0);
  }

  @Test
  void longestPatternWinsOverShorterOnes() {
    ParamGroups g =
        new ParamGroups(
            List.of(
                new ParamGroupRule("norm", 0.0, 1.0), new ParamGroupRule("head_norm", 0.5, 2.0)));
    assertThat(g.decayMult("02head_norm_gamma")).isEqualTo(0.5);
    assertThat(g.lrMult("02head_norm_gamma")).isEqualTo(2.0);
    assertThat(g.decayMult("01norm_gamma")).isZero();
  }

  @Test
  void adamWDecaysOnlyParametersOutsideTheNoDecayGroup() {
    OptimizerConfig cfg = new OptimizerConfig(0.1, null, null, null, 0.5, MMDET);
    try (NDManager m = NDManager.newBaseManager();
        AdamW opt = new AdamW(cfg, m)) {
      NDArray conv = m.ones(new ai.djl.ndarray.types.Shape(3));
      NDArray norm = m.ones(new ai.djl.ndarray.types.Shape(3));
      NDArray zeroGrad = m.zeros(new ai.djl.ndarray.types.Shape(3));
      // With a zero gradient the Adam step is 0, so only decoupled decay moves the weights.
      opt.update("01conv_weight", conv, zeroGrad, 0.1);
      opt.update("02norm1_gamma", norm, zeroGrad, 0.1);
      assertThat(conv.getFloat(0)).isCloseTo(1 - 0.1f * 0.5f, within(1e-7f));
      assertThat(norm.getFloat(0)).isEqualTo(1f);
    }
  }
}
