package org.mlpvision.eval.coco;

/**
 * One image and category of an evaluation batch: detections in evaluation order (sorted by score,
 * cut to {@code maxDets[-1]}) and ground truths in file order.
 *
 * @param image position of the image among the sorted image ids
 * @param category position of the category among the sorted category ids
 * @param dt the detections
 * @param gt the ground truths
 */
record ImageCategoryGroup(int image, int category, Detection[] dt, GroundTruthObject[] gt) {
  ImageCategoryEval match(double[] iou) {
    double[] scores = new double[dt.length];
    double[] dtArea = new double[dt.length];
    for (int d = 0; d < dt.length; d++) {
      scores[d] = dt[d].score();
      dtArea[d] = dt[d].area();
    }
    long[] ids = new long[gt.length];
    double[] area = new double[gt.length];
    boolean[] crowd = new boolean[gt.length];
    for (int j = 0; j < gt.length; j++) {
      ids[j] = gt[j].id();
      area[j] = gt[j].area();
      crowd[j] = gt[j].crowd();
    }
    return ImageMatcher.match(
        image, category, scores, dtArea, ids, area, crowd, null, iou, ImageMatcher.COCO);
  }
}
