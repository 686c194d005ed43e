package org.mlpvision.eval.coco;

import org.mlpvision.datasets.mask.Rle;

/**
 * One ground-truth annotation as COCOeval uses it.
 *
 * @param id annotation id (pycocotools records it as the match id; an id of 0 reads as "no match",
 *     a pycocotools quirk kept on purpose)
 * @param imageId the image it belongs to
 * @param categoryId its category
 * @param bbox {@code [x,y,w,h]}
 * @param area the annotation's {@code area} field, which decides its area range
 * @param crowd {@code iscrowd}: matched detections are ignored and IoU is over the detection's area
 * @param mask its mask for {@code segm} evaluation, or {@code null} for {@code bbox}
 */
public record GroundTruthObject(
    long id, long imageId, int categoryId, double[] bbox, double area, boolean crowd, Rle mask) {}
