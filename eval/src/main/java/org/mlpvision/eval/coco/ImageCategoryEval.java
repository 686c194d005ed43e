package org.mlpvision.eval.coco;

import java.io.Serializable;

/**
 * COCOeval's {@code evaluateImg} output for one image and category, for every area range at {@code
 * maxDets[-1]}: detection scores in evaluation order and, per area range, one int per detection
 * whose bit t ({@link #MATCHED}{@code << t}) says it matched at IoU threshold t and whose bit
 * {@code 16+t} ({@link #IGNORED}{@code << t}) says it is ignored there.
 *
 * @param imageIndex position of the image among the sorted image ids
 * @param categoryIndex position of the category among the sorted category ids
 * @param scores detection scores, sorted descending (stable), at most {@code maxDets[-1]}
 * @param bits {@code bits[a][d]} for area range a and detection d
 * @param npig per area range, the number of ground truths that are not ignored
 */
record ImageCategoryEval(
    int imageIndex, int categoryIndex, double[] scores, int[][] bits, int[] npig)
    implements Serializable {
  /**
   * Matched to a ground truth whose id is not 0 (pycocotools tests the stored id's truth), at
   * threshold 0; shift left by t for threshold t.
   */
  static final int MATCHED = 1;

  /**
   * Ignored (matched to an ignored ground truth, or unmatched and outside the area range), at
   * threshold 0; shift left by t for threshold t.
   */
  static final int IGNORED = 1 << 16;
}
