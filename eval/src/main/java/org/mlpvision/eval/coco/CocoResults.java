package org.mlpvision.eval.coco;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * A results file as read: the detections per image, and the results left out because their category
 * is not one of the ground truth's (pycocotools evaluates only those categories).
 *
 * @param detections per image id, in order of first appearance, each image's in file order
 * @param count number of detections kept
 * @param ignoredByCategory results left out, per category id in ascending order
 */
public record CocoResults(
    Map<Long, List<Detection>> detections, int count, SortedMap<Long, Integer> ignoredByCategory) {
  /** Number of results left out. */
  public int ignored() {
    return ignoredByCategory.values().stream().mapToInt(Integer::intValue).sum();
  }
}
