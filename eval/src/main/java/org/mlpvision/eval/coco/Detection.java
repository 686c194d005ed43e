package org.mlpvision.eval.coco;

import org.mlpvision.datasets.mask.Rle;

/**
 * One detection of one image.
 *
 * @param categoryId its category
 * @param bbox {@code [x,y,w,h]}, or {@code null} for a mask-only detection
 * @param score confidence: any finite number (only the order of scores matters)
 * @param mask its mask for {@code segm} evaluation, or {@code null}
 * @param area the area that decides its area range: the box area when a box is given (as
 *     pycocotools' {@code loadRes} does even for segm results), else the mask area
 */
public record Detection(int categoryId, double[] bbox, double score, Rle mask, double area) {
  /** A box detection; its area is {@code w*h}. */
  public static Detection box(int categoryId, double[] xywh, double score) {
    return new Detection(categoryId, xywh, score, null, xywh[2] * xywh[3]);
  }

  /**
   * A mask detection; with a box the area is the box area (mmdet's results carry one), without a
   * box it is the mask area and the box is the mask's tight box.
   */
  public static Detection mask(int categoryId, Rle mask, double score, double[] xywhOrNull) {
    if (xywhOrNull != null) {
      return new Detection(categoryId, xywhOrNull, score, mask, xywhOrNull[2] * xywhOrNull[3]);
    }
    return new Detection(categoryId, mask.bbox(), score, mask, mask.area());
  }
}
