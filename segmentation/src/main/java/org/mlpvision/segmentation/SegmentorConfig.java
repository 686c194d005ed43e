package org.mlpvision.segmentation;

import org.mlpvision.backbone.Backbone;
import org.mlpvision.backbone.BackboneConfig;
import org.mlpvision.segmentation.heads.DecodeHead;
import org.mlpvision.segmentation.heads.DecodeHeadConfig;
import org.mlpvision.segmentation.inference.TestCfg;

/**
 * A recipe's {@code model} section, mmseg's {@code EncoderDecoder} dict: {@code {"type":
 * "encoder_decoder", "pretrained": null, "backbone": {...}, "decode_head": {"type": "uper_head",
 * ...}, "auxiliary_head": {"type": "fcn_head", ...}, "test_cfg": {"mode": "whole"}}}. Read it with
 * {@link SegmentorConfigReader}.
 *
 * @param backbone the backbone architecture
 * @param decodeHead the decode head
 * @param auxiliaryHead the auxiliary head, or null
 * @param testCfg the inference mode
 * @param pretrained backbone weights to start from (ImageNet), or null
 */
public record SegmentorConfig(
    BackboneConfig backbone,
    DecodeHeadConfig decodeHead,
    DecodeHeadConfig auxiliaryHead,
    TestCfg testCfg,
    String pretrained) {
  /** Checks the required parts. */
  public SegmentorConfig {
    if (backbone == null || decodeHead == null || testCfg == null) {
      throw new IllegalArgumentException(
          "a segmentor needs a backbone, a decode head and test_cfg");
    }
  }

  /** Number of classes (the decode head's). */
  public int numClasses() {
    return decodeHead.numClasses();
  }

  /** Builds the model; parameters are allocated on {@code initialize}. */
  public EncoderDecoder build() {
    Backbone b = backbone.dense();
    DecodeHead decode = decodeHead.build(b.outputShapes());
    DecodeHead aux = auxiliaryHead == null ? null : auxiliaryHead.build(b.outputShapes());
    return new EncoderDecoder(b, decode, aux, testCfg);
  }
}
