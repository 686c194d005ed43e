package org.mlpvision.detection.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mlpvision.core.config.ConfigException;
import org.mlpvision.core.config.ConfigLoader;
import org.mlpvision.detection.rpn.ProposalGenerator;
import org.mlpvision.detection.testing.TinyDetectors;

class ProposalConfigTest {
  private static ProposalConfig bind(String json) {
    return ConfigLoader.bind(TinyDetectors.json(json), ProposalConfig.class, "t", "test_cfg.rpn");
  }

  @Test
  void legacyKeysMeanWhatMmdetConvertsThemTo() {
    ProposalConfig legacy = bind("{\"nms_pre\": 1000, \"nms_thr\": 0.7, \"max_num\": 500}");
    ProposalConfig current =
        bind(
            "{\"nms_pre\": 1000, \"nms\": {\"type\": \"nms\", \"iou_threshold\": 0.7},"
                + " \"max_per_img\": 500, \"nms_post\": 1000}");
    assertThat(legacy.build())
        .isEqualTo(current.build())
        .isEqualTo(new ProposalGenerator(1000, 0.7, 500, 0));
  }

  @Test
  void contradictoryOrUnsupportedSettingsAreErrors() {
    assertThatThrownBy(
            () -> bind("{\"nms_pre\": 9, \"nms_thr\": 0.7, \"max_num\": 5, \"max_per_img\": 6}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("max_num 5 differs from max_per_img 6");
    assertThatThrownBy(() -> bind("{\"nms_pre\": 9, \"max_per_img\": 6}"))
        .hasMessageContaining("nms is required");
    assertThatThrownBy(
            () ->
                bind(
                    "{\"nms_pre\": 9, \"max_per_img\": 6, \"nms_across_levels\": true,"
                        + " \"nms_thr\": 0.5}"))
        .hasMessageContaining("nms_across_levels=True is not supported");
  }
}
