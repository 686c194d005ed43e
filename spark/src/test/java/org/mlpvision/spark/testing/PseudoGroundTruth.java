package org.mlpvision.spark.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.mlpvision.core.config.ConfigLoader;

/**
 * Ground truth that a model with random weights partly gets right, so that its AP is neither 0 nor
 * 1: some of its own detections (every third, at most five per image, boxes shifted by up to a
 * pixel, masks as detected) become the annotations of an annotation file, in place of the synthetic
 * shapes it never learned.
 */
public final class PseudoGroundTruth {
  private PseudoGroundTruth() {}

  /**
   * Replaces the annotations of {@code annotations} with some of the detections in {@code results}.
   */
  public static void write(Path annotations, Path results) throws IOException {
    ObjectNode root = (ObjectNode) ConfigLoader.readTree(annotations);
    ArrayNode anns = root.putArray("annotations");
    Map<Long, Integer> perImage = new HashMap<>();
    int k = 0;
    for (JsonNode det : ConfigLoader.readTree(results)) {
      long image = det.get("image_id").asLong();
      if (k++ % 3 != 0 || perImage.merge(image, 1, Integer::sum) > 5) {
        continue;
      }
      JsonNode b = det.get("bbox");
      double shift = (k % 4) * 0.4;
      double w = b.get(2).asDouble();
      double h = b.get(3).asDouble();
      ObjectNode a = anns.addObject();
      a.put("id", anns.size());
      a.put("image_id", image);
      a.put("category_id", det.get("category_id").asLong());
      a.putArray("bbox").add(b.get(0).asDouble() + shift).add(b.get(1).asDouble()).add(w).add(h);
      a.put("area", w * h);
      a.put("iscrowd", 0);
      a.set("segmentation", det.get("segmentation"));
    }
    Files.writeString(annotations, ConfigLoader.mapper().writeValueAsString(root));
  }
}
