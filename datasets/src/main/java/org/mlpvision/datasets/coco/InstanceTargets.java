package org.mlpvision.datasets.coco;

import java.util.List;

/**
 * Training targets of one image after mmdet's {@code _parse_ann_info}: non-crowd boxes as {@code
 * [x1,y1,x2,y2]} rows with contiguous labels and their masks, and crowd boxes as ignore regions.
 *
 * @param boxes {@code n x 4} xyxy boxes, row-major
 * @param labels {@code n} contiguous labels (see {@link CategoryMap})
 * @param masks {@code n} segmentations, aligned with {@code labels} (an entry may be null)
 * @param ignoreBoxes {@code k x 4} xyxy crowd boxes, row-major
 * @param annotationIds {@code n} source annotation ids, for error messages and debugging
 */
public record InstanceTargets(
    float[] boxes,
    int[] labels,
    List<Segmentation> masks,
    float[] ignoreBoxes,
    long[] annotationIds) {

  /** Number of (non-crowd) instances. */
  public int size() {
    return labels.length;
  }
}
