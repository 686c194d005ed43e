package org.mlpvision.datasets.coco;

/**
 * One entry of a COCO file's {@code annotations}, with the original fields COCOeval uses.
 *
 * @param id annotation id
 * @param imageId the image it belongs to
 * @param categoryId original category id (see {@link CategoryMap} for contiguous labels)
 * @param bbox {@code [x, y, w, h]} in pixels, pixel-corner origin; shared, do not modify
 * @param area the file's {@code area}; when absent, the mask area (or {@code w*h} without a mask)
 * @param crowd {@code iscrowd == 1}
 * @param segmentation the mask, or {@code null} when the file has none for this annotation
 * @param ignore the optional {@code ignore} field: mmdet's training parser leaves such annotations
 *     out (COCOeval does not read it)
 */
public record CocoAnnotation(
    long id,
    long imageId,
    long categoryId,
    double[] bbox,
    double area,
    boolean crowd,
    Segmentation segmentation,
    boolean ignore) {

  /** The box as {@code [x1, y1, x2, y2]} (no +1). */
  public double[] xyxy() {
    return new double[] {bbox[0], bbox[1], bbox[0] + bbox[2], bbox[1] + bbox[3]};
  }
}
