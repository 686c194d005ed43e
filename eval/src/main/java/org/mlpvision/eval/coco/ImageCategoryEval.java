package org.mlpvision.eval.coco;

/**
 * COCOeval's {@code evaluateImg} output for one image and category, for every area range at {@code
 * maxDets[-1]}: detection scores in evaluation order and, per area range and IoU threshold, whether
 * each detection matched ({@link #MATCHED}) and whether it is ignored ({@link #IGNORED}).
 *
 * @param imageIndex position of the image among the sorted image ids
 * @param categoryIndex position of the category among the sorted category ids
 * @param scores detection scores, sorted descending (stable), at most {@code maxDets[-1]}
 * @param flags {@code flags[a][t*n + d]} for area range a, threshold t, detection d
 * @param npig per area range, the number of ground truths that are not ignored
 */
record ImageCategoryEval(
    int imageIndex, int categoryIndex, double[] scores, byte[][] flags, int[] npig) {
  /** Matched to a ground truth whose id is not 0 (pycocotools tests the stored id's truth). */
  static final byte MATCHED = 1;

  /** Ignored: matched to an ignored ground truth, or unmatched and outside the area range. */
  static final byte IGNORED = 2;
}
