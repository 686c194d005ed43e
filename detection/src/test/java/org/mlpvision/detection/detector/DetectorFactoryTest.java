package org.mlpvision.detection.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.mlpvision.core.config.ConfigException;
import org.mlpvision.core.weights.ParameterNames;
import org.mlpvision.detection.testing.TinyDetectors;

class DetectorFactoryTest {
  private static ObjectNode at(ObjectNode root, String path) {
    com.fasterxml.jackson.databind.JsonNode n = root;
    for (String k : path.split("\\.")) {
      n = k.matches("\\d+") ? n.get(Integer.parseInt(k)) : n.get(k);
    }
    return (ObjectNode) n;
  }

  private static void fails(Consumer<ObjectNode> edit, String path, String message) {
    assertThatThrownBy(() -> TinyDetectors.build(edit))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'" + path + "'")
        .hasMessageContaining(message);
  }

  @Test
  void componentsAreChosenByMmdetTypeNames() {
    TwoStageDetector d = TinyDetectors.build(n -> {});
    assertThat(ParameterNames.of(d).keySet())
        .contains(
            "backbone.patch_embed.proj.weight",
            "neck.lateral_convs.0.conv.weight",
            "rpn_head.rpn_conv.weight",
            "rpn_head.rpn_cls.bias",
            "roi_head.bbox_head.0.shared_convs.0.conv.weight",
            "roi_head.bbox_head.0.shared_convs.1.bn.running_var",
            "roi_head.bbox_head.2.shared_fcs.0.weight",
            "roi_head.bbox_head.2.fc_reg.weight",
            "roi_head.mask_head.2.upsample.weight",
            "roi_head.mask_head.0.conv_logits.bias")
        .noneMatch(k -> k.contains("shared_convs.0.conv.bias"));
    assertThat(d.numClasses()).isEqualTo(2);
  }

  @Test
  void aSharedTwoFcHeadIsTheR50Variant() {
    TwoStageDetector d =
        TinyDetectors.build(
            n -> {
              ObjectNode head = at(n, "roi_head");
              ObjectNode box =
                  (ObjectNode)
                      TinyDetectors.json(
                          "{\"type\": \"Shared2FCBBoxHead\", \"in_channels\": 8, \"fc_out_channels\":"
                              + " 16, \"num_classes\": 2, \"reg_class_agnostic\": true,"
                              + " \"loss_bbox\": {\"type\": \"SmoothL1Loss\", \"beta\": 1.0}}");
              head.set("bbox_head", box);
            });
    assertThat(ParameterNames.of(d).keySet())
        .contains("roi_head.bbox_head.1.shared_fcs.1.weight", "roi_head.bbox_head.2.fc_reg.bias")
        .noneMatch(k -> k.contains("bbox_head.0.shared_convs"));
    assertThat(ParameterNames.of(d).get("roi_head.bbox_head.0.fc_reg.weight").getShape())
        .isEqualTo(new ai.djl.ndarray.types.Shape(4, 16));
  }

  @Test
  void unknownTypesListTheRegisteredOnes() {
    fails(n -> at(n, "neck").put("type", "PAFPN"), "model.neck.type", "known: [FPN]");
    fails(
        n -> at(n, "roi_head.bbox_head.1").put("type", "DoubleConvFCBBoxHead"),
        "model.roi_head.bbox_head[1].type",
        "known: [ConvFCBBoxHead, Shared2FCBBoxHead]");
  }

  @Test
  void mismatchesNameTheKey() {
    fails(n -> at(n, "rpn_head").put("in_channels", 16), "model.rpn_head", "in_channels 16");
    fails(
        n -> at(n, "rpn_head.anchor_generator").putArray("strides").add(4).add(8),
        "model.rpn_head",
        "must equal the neck's output strides [4, 8, 16, 32, 64]");
    fails(
        n -> at(n, "roi_head.bbox_head.0").put("reg_decoded_bbox", false),
        "model.roi_head.bbox_head[0]",
        "reg_decoded_bbox must be true exactly when loss_bbox is GIoULoss");
    fails(
        n -> at(n, "roi_head.mask_head").put("num_classes", 3),
        "model.roi_head",
        "num_classes 3 differs");
    fails(n -> at(n, "neck").put("num_outz", 5), "model.neck.num_outz", "unknown key 'num_outz'");
  }
}
