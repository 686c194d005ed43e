package org.mlpvision.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class MacCountTest {
  @Test
  void classifierMacsAt224MatchThePapersFlops() {
    Map<String, Double> giga =
        Map.of(
            "hire_mlp_tiny", 2.144,
            "hire_mlp_small", 4.231,
            "hire_mlp_base", 8.111,
            "hire_mlp_large", 13.422,
            "as_mlp_tiny", 4.350,
            "as_mlp_small", 8.512,
            "as_mlp_base", 15.126);
    giga.forEach(
        (name, g) ->
            assertThat(Backbones.named(name).classifier().macs(224, 224) / 1e9)
                .as(name)
                .isCloseTo(g, Offset.offset(0.0006)));
  }
}
