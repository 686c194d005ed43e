package org.mlpvision.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.mlpvision.backbone.asmlp.AsBlock;
import org.mlpvision.backbone.asmlp.AsMlpConfig;
import org.mlpvision.backbone.hire.HireBlock;
import org.mlpvision.backbone.hire.HireMlpConfig;

class ParameterCountTest {
  @Test
  void classifiersMatchTheOfficialCountsExactly() {
    Map<String, Long> expected =
        Map.of(
            "hire_mlp_tiny", 18_041_672L,
            "hire_mlp_small", 33_113_848L,
            "hire_mlp_base", 58_226_856L,
            "hire_mlp_large", 95_723_944L,
            "as_mlp_tiny", 28_282_696L,
            "as_mlp_small", 49_594_696L,
            "as_mlp_base", 87_752_808L);
    expected.forEach(
        (name, count) ->
            assertThat(ParameterCount.of(Backbones.named(name).classifier()))
                .as(name)
                .isEqualTo(count));
  }

  @Test
  void denseBackbonesDropTheHeadAndAddOutputNorms() {
    Map<String, Double> millions =
        Map.of(
            "hire_mlp_tiny", 17.53,
            "hire_mlp_small", 32.60,
            "hire_mlp_base", 57.72,
            "hire_mlp_large", 94.96,
            "as_mlp_tiny", 27.52,
            "as_mlp_small", 48.83,
            "as_mlp_base", 86.73);
    millions.forEach(
        (name, m) -> {
          BackboneConfig c = Backbones.named(name);
          long dense = ParameterCount.of(c.dense());
          // The spec rounds to 0.01M; Hire-B's 57,714,880 is listed as 57.72 (rounding), hence
          // 0.006.
          assertThat(dense / 1e6).as(name).isCloseTo(m, Offset.offset(0.006));
          long cls = ParameterCount.of(c.classifier());
          long last;
          long outNorms;
          if (c instanceof HireMlpConfig h) {
            last = h.embedDims().get(3);
            outNorms = 2L * h.embedDims().stream().mapToInt(Integer::intValue).sum();
          } else {
            AsMlpConfig a = (AsMlpConfig) c;
            last = a.dim(3);
            outNorms = 30L * a.embedDim();
          }
          assertThat(dense).as(name).isEqualTo(cls - 2 * last - 1000 * last - 1000 + outNorms);
        });
  }

  @Test
  void customClassCountOnlyChangesTheHead() {
    BackboneConfig tiny = Backbones.named("hire_mlp_tiny");
    long k1000 = ParameterCount.of(tiny.classifier());
    long k10 = ParameterCount.of(((HireMlpConfig) tiny).withNumClasses(10).classifier());
    assertThat(k1000 - k10).isEqualTo(990L * 513);
  }

  @Test
  void perBlockFormulasHold() {
    for (int c : new int[] {16, 64, 128, 320}) {
      for (int p : new int[] {2, 3, 4}) {
        double expected = (2.0 * p + 11) * c * c + (2.0 * p + 16.25) * c;
        assertThat((double) ParameterCount.of(new HireBlock(c, 4, p, 0, 0f)))
            .as("Hire C=%d p=%d", c, p)
            .isEqualTo(expected);
      }
      assertThat(ParameterCount.of(new AsBlock(c, 5, 4, 0f))).isEqualTo(12L * c * c + 17L * c);
      assertThat(ParameterCount.of(new org.mlpvision.backbone.asmlp.PatchMerging(c)))
          .isEqualTo(8L * c * c + 8L * c);
    }
    assertThat(ParameterCount.of(new HireBlock(64, 4, 4, 0, 0f))).isEqualTo(79_376);
    assertThat(ParameterCount.of(new AsBlock(96, 5, 4, 0f))).isEqualTo(112_224);
  }

  @Test
  void shapesDoNotDependOnStepOrShiftSize() {
    assertThat(ParameterCount.of(new HireBlock(32, 4, 3, 2, 0f)))
        .isEqualTo(ParameterCount.of(new HireBlock(32, 4, 3, 0, 0f)));
    assertThat(ParameterCount.of(new AsBlock(32, 3, 4, 0f)))
        .isEqualTo(ParameterCount.of(new AsBlock(32, 5, 4, 0f)));
  }

  @Test
  void narrowGoldenConfigsMatchTheirReferenceCounts() {
    assertThat(
            ParameterCount.of(
                Backbones.standard()
                    .load(TestFiles.configs().resolve("hire_mlp_narrow.json"))
                    .dense()))
        .isEqualTo(342_156);
    assertThat(
            ParameterCount.of(
                Backbones.standard()
                    .load(TestFiles.configs().resolve("as_mlp_narrow.json"))
                    .dense()))
        .isEqualTo(360_640);
  }
}
