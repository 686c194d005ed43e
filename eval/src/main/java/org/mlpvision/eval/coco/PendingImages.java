package org.mlpvision.eval.coco;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The intake of a streaming COCO evaluation: checks each image's detections as it is added, leaves
 * out (and counts) those of categories the ground truth lacks, as pycocotools never looks at them,
 * and collects images into batches.
 */
final class PendingImages {
  /** Images per batch: enough to fill the threads, few enough to keep masks short-lived. */
  static final int BATCH = 512;

  /**
   * A batch of images.
   *
   * @param images image positions
   * @param detections each image's detections of known categories, in the order added
   */
  record Batch(int[] images, Detection[][] detections) {
    int size() {
      return images.length;
    }
  }

  private final GroundTruthSet gt;
  private final IouType iouType;
  private final boolean[] added;
  private final List<Integer> images = new ArrayList<>();
  private final List<Detection[]> detections = new ArrayList<>();
  private long ignored;

  /**
   * @throws IllegalArgumentException for segm when a ground truth has no mask
   */
  PendingImages(GroundTruthSet gt, IouType iouType) {
    if (iouType == IouType.SEGM) {
      for (int i = 0; i < gt.imageCount(); i++) {
        for (GroundTruthObject o : gt.objects(i)) {
          if (o.mask() == null) {
            throw new IllegalArgumentException(
                "segm evaluation: annotation " + o.id() + " has no segmentation mask");
          }
        }
      }
    }
    this.gt = gt;
    this.iouType = iouType;
    this.added = new boolean[gt.imageCount()];
  }

  /** Forgets everything added. */
  void reset() {
    Arrays.fill(added, false);
    images.clear();
    detections.clear();
    ignored = 0;
  }

  /**
   * Adds one image's detections.
   *
   * @return whether a full batch is waiting
   * @throws IllegalArgumentException naming the image and the detection's position when the image
   *     is unknown or was already added, the score is NaN or infinite, the box is malformed, or a
   *     segm detection has no mask
   */
  boolean add(long imageId, List<Detection> dets) {
    int i = gt.imageIndex(imageId);
    if (i < 0) {
      throw new IllegalArgumentException("image id " + imageId + " is not in the ground truth");
    }
    if (added[i]) {
      throw new IllegalArgumentException(
          "image id " + imageId + " was already added; add each image's detections at once");
    }
    Detection[] kept = new Detection[dets.size()];
    int n = 0;
    for (int d = 0; d < kept.length; d++) {
      Detection det = dets.get(d);
      check(imageId, d, det);
      if (gt.categoryIndex(det.categoryId()) < 0) {
        ignored++;
      } else {
        kept[n++] = det;
      }
    }
    added[i] = true;
    images.add(i);
    detections.add(n == kept.length ? kept : Arrays.copyOf(kept, n));
    return images.size() >= BATCH;
  }

  /** Adds every image not added yet, without detections. */
  void addMissing() {
    for (int i = 0; i < added.length; i++) {
      if (!added[i]) {
        added[i] = true;
        images.add(i);
        detections.add(new Detection[0]);
      }
    }
  }

  /**
   * Marks images evaluated elsewhere (a merged {@link CocoPartial}) as added, with their ignored
   * detections.
   *
   * @throws IllegalArgumentException naming the first image already added, here or by another
   *     partial: an image counted twice would change the numbers
   */
  void claim(int[] imageIndices, long ignoredDetections) {
    for (int i : imageIndices) {
      if (added[i]) {
        throw new IllegalArgumentException(
            "image id " + gt.imageId(i) + " was already evaluated; each image is merged once");
      }
    }
    for (int i : imageIndices) {
      added[i] = true;
    }
    ignored += ignoredDetections;
  }

  /** Positions of the images added (or claimed) so far, ascending. */
  int[] addedImages() {
    int n = 0;
    for (boolean a : added) {
      n += a ? 1 : 0;
    }
    int[] out = new int[n];
    n = 0;
    for (int i = 0; i < added.length; i++) {
      if (added[i]) {
        out[n++] = i;
      }
    }
    return out;
  }

  /** Takes the waiting images (possibly none). */
  Batch take() {
    Batch b =
        new Batch(
            images.stream().mapToInt(Integer::intValue).toArray(),
            detections.toArray(new Detection[0][]));
    images.clear();
    detections.clear();
    return b;
  }

  /** Detections left out since the last reset because the ground truth lacks their category. */
  long ignored() {
    return ignored;
  }

  private void check(long imageId, int d, Detection det) {
    if (det == null) {
      throw bad(imageId, d, "null");
    }
    if (!Double.isFinite(det.score())) {
      throw bad(imageId, d, "score must be finite, got " + det.score());
    }
    if (!Double.isFinite(det.area())) {
      throw bad(imageId, d, "area must be finite, got " + det.area());
    }
    double[] b = det.bbox();
    if (iouType == IouType.BBOX && b == null) {
      throw bad(imageId, d, "bbox evaluation needs a box");
    }
    if (b != null) {
      if (b.length != 4) {
        throw bad(imageId, d, "bbox needs 4 numbers, got " + b.length);
      }
      if (!(Double.isFinite(b[0])
          && Double.isFinite(b[1])
          && Double.isFinite(b[2])
          && Double.isFinite(b[3]))) {
        throw bad(imageId, d, "bbox " + Arrays.toString(b) + " not finite");
      }
      if (b[2] < 0 || b[3] < 0) {
        throw bad(imageId, d, "bbox " + Arrays.toString(b) + " has a negative width or height");
      }
    }
    if (iouType == IouType.SEGM && det.mask() == null) {
      throw bad(imageId, d, "segm evaluation needs a mask");
    }
  }

  private static IllegalArgumentException bad(long imageId, int d, String problem) {
    return new IllegalArgumentException(
        "image id " + imageId + ", detection " + d + ": " + problem);
  }
}
