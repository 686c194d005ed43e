package org.mlpvision.eval.seg;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Streaming semantic-segmentation evaluator in detectron2's shape: {@link #reset()}, then {@link
 * #process} once per image, then {@link #evaluate()}. Each image adds its pixel counts to a K×K
 * confusion matrix that stays on the device (a bincount of {@code gt*K + pred} over the valid
 * pixels), so native memory holds one matrix plus one image's temporaries however many images go
 * through.
 *
 * <p>Semantics follow mmsegmentation 0.11 {@code intersect_and_union}: with {@code reduceZeroLabel}
 * ground-truth 0 becomes the ignore index and every other label drops by one; pixels whose ground
 * truth is the ignore index are skipped. Unlike mmseg (whose {@code histc} silently drops them)
 * labels or predictions outside {@code [0,K)} are errors.
 */
public final class SegmentationEvaluator implements AutoCloseable {
  private final int numClasses;
  private final int ignoreIndex;
  private final boolean reduceZeroLabel;
  private final NDManager manager;
  private NDArray confusion;
  private long images;

  /**
   * @param numClasses K, the number of evaluated classes (labels 0..K-1 after reduction)
   * @param ignoreIndex ground-truth value that is not evaluated (mmseg: 255)
   * @param reduceZeroLabel map ground truth 0 to ignore and shift the rest down (ADE20K)
   * @param device where the confusion matrix lives and the bincount runs
   */
  public SegmentationEvaluator(
      int numClasses, int ignoreIndex, boolean reduceZeroLabel, Device device) {
    if (numClasses < 1 || (long) numClasses * numClasses > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("numClasses must be in [1, 46340], got " + numClasses);
    }
    if (ignoreIndex >= 0 && ignoreIndex < numClasses) {
      throw new IllegalArgumentException(
          "ignoreIndex " + ignoreIndex + " collides with a class in [0," + numClasses + ")");
    }
    this.numClasses = numClasses;
    this.ignoreIndex = ignoreIndex;
    this.reduceZeroLabel = reduceZeroLabel;
    this.manager = NDManager.newBaseManager(device);
    reset();
  }

  /** Forgets every processed image. */
  public void reset() {
    if (confusion != null) {
      confusion.close();
    }
    confusion = manager.zeros(new Shape((long) numClasses * numClasses), DataType.INT64);
    images = 0;
  }

  /** Adds one image; see {@link #process(String, NDArray, NDArray)}. */
  public void process(NDArray groundTruth, NDArray prediction) {
    process("image " + images, groundTruth, prediction);
  }

  /**
   * Adds one image's label maps to the running confusion matrix.
   *
   * @param name how errors name this image (a file name, say)
   * @param groundTruth raw ground-truth label map (H×W integers, before any zero-label reduction)
   * @param prediction predicted label map (H×W integers in [0,K)), at the ground truth's size
   * @throws IllegalArgumentException on a size mismatch or a label or prediction out of range
   */
  public void process(String name, NDArray groundTruth, NDArray prediction) {
    if (!groundTruth.getShape().equals(prediction.getShape())) {
      throw new IllegalArgumentException(
          name
              + ": prediction size "
              + prediction.getShape()
              + " differs from ground truth "
              + groundTruth.getShape());
    }
    try (NDManager scope = manager.newSubManager()) {
      NDArray gt = onDevice(groundTruth, scope);
      NDArray pred = onDevice(prediction, scope);
      if (reduceZeroLabel) {
        NDArray isZero = gt.eq(0);
        NDArray isIgnore = gt.eq(ignoreIndex);
        gt = gt.sub(1);
        gt.set(isZero.logicalOr(isIgnore), ignoreIndex);
      }
      NDArray valid = gt.neq(ignoreIndex);
      NDArray g = gt.booleanMask(valid);
      NDArray p = pred.booleanMask(valid);
      if (g.size() > 0) {
        checkRange(name, "ground-truth label", g);
        checkRange(name, "predicted label", p);
        NDArray flat = g.mul(numClasses).add(p);
        NDList uc = flat.unique(null, true, false, true);
        NDArray counts = uc.get(uc.size() - 1);
        NDArray image =
            scope
                .zeros(confusion.getShape(), DataType.INT64)
                .put(uc.get(0), counts.toType(DataType.INT64, false));
        confusion.addi(image);
      }
    }
    images++;
  }

  private void checkRange(String name, String what, NDArray values) {
    long min = values.min().getLong();
    long max = values.max().getLong();
    if (min < 0 || max >= numClasses) {
      long bad = min < 0 ? min : max;
      throw new IllegalArgumentException(
          name
              + ": "
              + what
              + " "
              + bad
              + " is outside [0,"
              + numClasses
              + ")"
              + (what.startsWith("ground") ? " and is not the ignore index " + ignoreIndex : ""));
    }
  }

  private NDArray onDevice(NDArray a, NDManager scope) {
    NDArray copy = a.toDevice(manager.getDevice(), true);
    copy.attach(scope);
    NDArray asLong = copy.toType(DataType.INT64, false).flatten();
    asLong.attach(scope);
    return asLong;
  }

  /** Number of images processed since the last reset. */
  public long imageCount() {
    return images;
  }

  /** The confusion matrix so far, {@code [gt][pred]} pixel counts. */
  public long[][] confusion() {
    long[] flat = confusion.toLongArray();
    long[][] m = new long[numClasses][numClasses];
    for (int g = 0; g < numClasses; g++) {
      System.arraycopy(flat, g * numClasses, m[g], 0, numClasses);
    }
    return m;
  }

  /** The metrics over every image processed since the last reset. */
  public SegmentationMetrics evaluate() {
    return SegmentationMetrics.fromConfusion(confusion());
  }

  @Override
  public void close() {
    manager.close();
  }
}
