package org.mlpvision.eval.coco;

import java.io.Serializable;
import java.util.Arrays;

/**
 * What one {@link CocoEvaluator} has evaluated of a data set: the images it was given and their
 * per-image, per-category evaluation records (COCOeval's {@code evaluateImg} output), plus its
 * counts of ignored detections and mismatched mask pairs. Workers that evaluate disjoint parts of
 * the same ground truth (the partitions of a Spark job) each hand theirs to one evaluator through
 * {@link CocoEvaluator#merge}; because accumulation orders the records by image, the merged numbers
 * are bit for bit those of a single evaluator that saw every image.
 *
 * <p>Serializable; immutable once made.
 */
public final class CocoPartial implements Serializable {
  private static final long serialVersionUID = 1L;

  private final IouType iouType;
  private final int[] maxDets;
  private final long groundTruth;
  private final int[] images;
  private final ImageCategoryEval[] records;
  private final long ignored;
  private final long mismatches;

  CocoPartial(
      IouType iouType,
      int[] maxDets,
      long groundTruth,
      int[] images,
      ImageCategoryEval[] records,
      long ignored,
      long mismatches) {
    this.iouType = iouType;
    this.maxDets = maxDets;
    this.groundTruth = groundTruth;
    this.images = images;
    this.records = records;
    this.ignored = ignored;
    this.mismatches = mismatches;
  }

  /** The IoU type it was evaluated for. */
  public IouType iouType() {
    return iouType;
  }

  /** Number of images it covers. */
  public int imageCount() {
    return images.length;
  }

  /** Detections it left out because the ground truth lacks their category. */
  public long ignoredDetections() {
    return ignored;
  }

  int[] images() {
    return images;
  }

  ImageCategoryEval[] records() {
    return records;
  }

  long mismatches() {
    return mismatches;
  }

  /**
   * Checks that this partial was evaluated against the same ground truth with the same settings as
   * the evaluator it is merged into.
   *
   * @throws IllegalArgumentException saying what differs
   */
  void checkCompatible(IouType type, int[] limits, GroundTruthSet gt) {
    if (type != iouType) {
      throw new IllegalArgumentException(
          "cannot merge a " + iouType + " evaluation into a " + type + " evaluator");
    }
    if (!Arrays.equals(limits, maxDets)) {
      throw new IllegalArgumentException(
          "cannot merge an evaluation with maxDets "
              + Arrays.toString(maxDets)
              + " into one with "
              + Arrays.toString(limits));
    }
    if (fingerprint(gt) != groundTruth) {
      throw new IllegalArgumentException(
          "cannot merge an evaluation against other ground truth (image, category or annotation"
              + " counts or ids differ)");
    }
  }

  /** A digest of the image ids, category ids and annotation count of a ground truth. */
  static long fingerprint(GroundTruthSet gt) {
    long h = Arrays.hashCode(gt.imageIds());
    h = 31 * h + Arrays.hashCode(gt.categoryIds());
    return 31 * h + gt.objectCount();
  }
}
