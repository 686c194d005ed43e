package org.mlpvision.detection.cascade;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.mlpvision.backbone.FeatureSpec;
import org.mlpvision.core.config.OneOf;
import org.mlpvision.core.config.Range;
import org.mlpvision.detection.bbox.BboxHead;
import org.mlpvision.detection.bbox.BboxHeadConfig;
import org.mlpvision.detection.config.ComponentParser;
import org.mlpvision.detection.config.RoiExtractorConfig;
import org.mlpvision.detection.mask.FcnMaskHead;
import org.mlpvision.detection.mask.MaskHeadConfig;
import org.mlpvision.detection.roi.FpnRoiExtractor;
import org.mlpvision.detection.roi.RoiHeadConfig;

/**
 * mmdet's {@code CascadeRoIHead} config. {@code bbox_head} and {@code mask_head} are a list (one
 * per stage) or one object used by every stage; without {@code mask_head} the head predicts boxes
 * only.
 *
 * @param type always {@code CascadeRoIHead}
 * @param numStages stages (3 in Cascade R-CNN)
 * @param stageLossWeights one loss factor per stage ({@code [1, 0.5, 0.25]})
 * @param bboxRoiExtractor the box heads' extractor (7×7)
 * @param bboxHead typed box head config(s)
 * @param maskRoiExtractor the mask heads' extractor (14×14), with {@code mask_head}
 * @param maskHead typed mask head config(s), or absent
 */
public record CascadeRoiHeadConfig(
    @OneOf({"CascadeRoIHead"}) String type,
    @Range(min = 1, max = 16) Integer numStages,
    List<Double> stageLossWeights,
    RoiExtractorConfig bboxRoiExtractor,
    JsonNode bboxHead,
    RoiExtractorConfig maskRoiExtractor,
    JsonNode maskHead)
    implements RoiHeadConfig {
  /** Checks the keys. */
  public CascadeRoiHeadConfig {
    if (type == null || numStages == null || stageLossWeights == null) {
      throw new IllegalArgumentException(
          "CascadeRoIHead needs type, num_stages and stage_loss_weights");
    }
    stageLossWeights = List.copyOf(stageLossWeights);
    if (stageLossWeights.size() != numStages) {
      throw new IllegalArgumentException(
          "stage_loss_weights "
              + stageLossWeights
              + " needs one entry per stage ("
              + numStages
              + ")");
    }
    if (bboxRoiExtractor == null || bboxHead == null || bboxHead.isNull()) {
      throw new IllegalArgumentException("CascadeRoIHead needs bbox_roi_extractor and bbox_head");
    }
    boolean mask = maskHead != null && !maskHead.isNull();
    if (mask != (maskRoiExtractor != null)) {
      throw new IllegalArgumentException("mask_head and mask_roi_extractor must be given together");
    }
  }

  @Override
  public CascadeRoiHead build(List<FeatureSpec> levels, ComponentParser parser, String path) {
    FpnRoiExtractor boxes = bboxRoiExtractor.build(levels);
    int channels = bboxRoiExtractor.outChannels();
    List<BboxHead> bbox = new ArrayList<>();
    for (JsonNode n : perStage(bboxHead, path + ".bbox_head")) {
      String p = path + ".bbox_head" + (bboxHead.isArray() ? "[" + bbox.size() + "]" : "");
      bbox.add(
          parser.parse(BboxHeadConfig.class, n, p).build(channels, bboxRoiExtractor.outputSize()));
    }
    List<FcnMaskHead> masks = new ArrayList<>();
    FpnRoiExtractor maskExtractor = null;
    if (maskRoiExtractor != null) {
      maskExtractor = maskRoiExtractor.build(levels);
      for (JsonNode n : perStage(maskHead, path + ".mask_head")) {
        String p = path + ".mask_head" + (maskHead.isArray() ? "[" + masks.size() + "]" : "");
        masks.add(
            parser
                .parse(MaskHeadConfig.class, n, p)
                .build(maskRoiExtractor.outChannels(), maskRoiExtractor.outputSize()));
      }
    }
    int classes = bbox.get(0).numClasses();
    for (BboxHead h : bbox) {
      requireClasses(h.numClasses(), classes, path + ".bbox_head");
    }
    for (FcnMaskHead h : masks) {
      requireClasses(h.numClasses(), classes, path + ".mask_head");
    }
    double[] weights = stageLossWeights.stream().mapToDouble(Double::doubleValue).toArray();
    return new CascadeRoiHead(boxes, bbox, maskExtractor, masks, weights);
  }

  private List<JsonNode> perStage(JsonNode node, String path) {
    List<JsonNode> out = new ArrayList<>();
    if (node.isArray()) {
      if (node.size() != numStages) {
        throw new IllegalArgumentException(
            path + " needs one entry per stage (" + numStages + "), got " + node.size());
      }
      node.forEach(out::add);
    } else {
      for (int i = 0; i < numStages; i++) {
        out.add(node);
      }
    }
    return out;
  }

  private static void requireClasses(int found, int expected, String path) {
    if (found != expected) {
      throw new IllegalArgumentException(
          path + " num_classes " + found + " differs from the first box head's " + expected);
    }
  }
}
