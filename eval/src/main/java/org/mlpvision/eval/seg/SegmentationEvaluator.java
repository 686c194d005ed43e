package org.mlpvision.eval.seg;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Optional;

/**
 * Streaming semantic-segmentation evaluator in detectron2's shape: {@link #reset()}, then {@link
 * #process} once per image, then {@link #evaluate()}. Each image adds its pixel counts to a
 * (K+1)×(K+1) confusion matrix that stays on the device (a bincount of {@code gt*(K+1) + pred} over
 * the valid pixels, where K stands for "outside [0,K)"), so native memory holds one matrix plus one
 * image's temporaries however many images go through.
 *
 * <p>Semantics follow mmsegmentation 0.11 {@code intersect_and_union} exactly: with {@code
 * reduceZeroLabel} ground truth 0 becomes 255, every label drops by one and 254 becomes 255 again;
 * pixels whose ground truth is the ignore index are skipped. A ground-truth label or a prediction
 * outside {@code [0,K)} is left out of its own histogram only, as {@code torch.histc} over {@code
 * [0, K-1]} does: such a ground-truth pixel still counts in the predicted area of its prediction
 * (and so in that class's union), such a prediction still counts in the ground-truth area of its
 * label. {@link #droppedLabelsWarning()} says how many there were and where the first one was.
 */
public final class SegmentationEvaluator implements AutoCloseable {
  private final int numClasses;
  private final int ignoreIndex;
  private final boolean reduceZeroLabel;
  private final NDManager manager;
  private NDArray confusion;
  private long images;
  private long droppedGroundTruth;
  private long droppedPredictions;
  private String firstDropped;

  /**
   * @param numClasses K, the number of evaluated classes (labels 0..K-1 after reduction)
   * @param ignoreIndex ground-truth value that is not evaluated (mmseg: 255)
   * @param reduceZeroLabel map ground truth 0 to ignore and shift the rest down (ADE20K)
   * @param device where the confusion matrix lives and the bincount runs
   */
  public SegmentationEvaluator(
      int numClasses, int ignoreIndex, boolean reduceZeroLabel, Device device) {
    if (numClasses < 1 || (numClasses + 1L) * (numClasses + 1L) > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("numClasses must be in [1, 46339], got " + numClasses);
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
    long side = numClasses + 1L;
    confusion = manager.zeros(new Shape(side * side), DataType.INT64);
    images = 0;
    droppedGroundTruth = 0;
    droppedPredictions = 0;
    firstDropped = null;
  }

  /** Adds one image; see {@link #process(String, NDArray, NDArray)}. */
  public void process(NDArray groundTruth, NDArray prediction) {
    process("image " + images, groundTruth, prediction);
  }

  /**
   * Adds one image's label maps to the running confusion matrix.
   *
   * @param name how messages name this image (its files, say)
   * @param groundTruth raw ground-truth label map (H×W integers, before any zero-label reduction)
   * @param prediction predicted label map (H×W integers), at the ground truth's size
   * @throws IllegalArgumentException on a size mismatch
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
        // mmseg's literal steps, 255 included whatever the ignore index is.
        gt.set(gt.eq(0), 255);
        gt = gt.sub(1);
        gt.set(gt.eq(254), 255);
      }
      NDArray valid = gt.neq(ignoreIndex);
      NDArray g = gt.booleanMask(valid);
      NDArray p = pred.booleanMask(valid);
      if (g.size() > 0) {
        long badG = outsideToK(g);
        long badP = outsideToK(p);
        if (badG + badP > 0 && firstDropped == null) {
          firstDropped = name;
        }
        droppedGroundTruth += badG;
        droppedPredictions += badP;
        NDArray flat = g.mul(numClasses + 1).add(p);
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

  /**
   * Sets the values of {@code labels} outside [0,K) to K, in place; returns how many there were.
   */
  private long outsideToK(NDArray labels) {
    NDArray outside = labels.lt(0).logicalOr(labels.gte(numClasses));
    long n = outside.countNonzero().getLong();
    if (n > 0) {
      labels.set(outside, numClasses);
    }
    return n;
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

  /** Valid ground-truth pixels whose label was outside [0,K), left out of the label areas. */
  public long droppedGroundTruth() {
    return droppedGroundTruth;
  }

  /** Predictions outside [0,K) on valid pixels, left out of the predicted areas. */
  public long droppedPredictions() {
    return droppedPredictions;
  }

  /**
   * One line saying how many labels and predictions outside [0,K) were left out of the counts and
   * in which image the first was, or empty when there were none.
   */
  public Optional<String> droppedLabelsWarning() {
    if (firstDropped == null) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            "%d ground-truth pixels with labels outside [0,%d) that are not the ignore index %d,"
                + " and %d predictions outside [0,%d), were left out of the counts as mmseg's"
                + " histc does (first in %s)",
            droppedGroundTruth,
            numClasses,
            ignoreIndex,
            droppedPredictions,
            numClasses,
            firstDropped));
  }

  /** Everything counted since the last reset. */
  public SegmentationPartial partial() {
    return new SegmentationPartial(
        numClasses,
        ignoreIndex,
        reduceZeroLabel,
        confusion.toLongArray(),
        images,
        droppedGroundTruth,
        droppedPredictions,
        firstDropped);
  }

  /**
   * Adds what another evaluator with the same settings counted ({@link #partial()}).
   *
   * @throws IllegalArgumentException when the class count, ignore index or zero-label reduction
   *     differ
   */
  public void merge(SegmentationPartial other) {
    if (other.numClasses() != numClasses
        || other.ignoreIndex() != ignoreIndex
        || other.reduceZeroLabel() != reduceZeroLabel) {
      throw new IllegalArgumentException(
          String.format(
              "cannot merge counts of %d classes (ignore index %d, reduce_zero_label %b) into an"
                  + " evaluator of %d classes (ignore index %d, reduce_zero_label %b)",
              other.numClasses(),
              other.ignoreIndex(),
              other.reduceZeroLabel(),
              numClasses,
              ignoreIndex,
              reduceZeroLabel));
    }
    try (NDManager scope = manager.newSubManager()) {
      confusion.addi(scope.create(other.confusion()));
    }
    images += other.images();
    droppedGroundTruth += other.droppedGroundTruth();
    droppedPredictions += other.droppedPredictions();
    if (firstDropped == null) {
      firstDropped = other.firstDropped();
    }
  }

  /** The confusion matrix of the in-range pixels so far, {@code [gt][pred]} pixel counts. */
  public long[][] confusion() {
    long[][] full = fullConfusion();
    long[][] m = new long[numClasses][];
    for (int g = 0; g < numClasses; g++) {
      m[g] = java.util.Arrays.copyOf(full[g], numClasses);
    }
    return m;
  }

  private long[][] fullConfusion() {
    int side = numClasses + 1;
    long[] flat = confusion.toLongArray();
    long[][] m = new long[side][side];
    for (int g = 0; g < side; g++) {
      System.arraycopy(flat, g * side, m[g], 0, side);
    }
    return m;
  }

  /**
   * The metrics over every image processed since the last reset: per class c, the intersection is
   * the diagonal, the predicted area sums column c over every ground truth (out-of-range included),
   * the label area sums row c over every prediction (out-of-range included).
   */
  public SegmentationMetrics evaluate() {
    long[][] full = fullConfusion();
    long[] inter = new long[numClasses];
    long[] pred = new long[numClasses];
    long[] label = new long[numClasses];
    for (int c = 0; c < numClasses; c++) {
      inter[c] = full[c][c];
      for (int o = 0; o <= numClasses; o++) {
        pred[c] += full[o][c];
        label[c] += full[c][o];
      }
    }
    return SegmentationMetrics.fromAreas(inter, pred, label);
  }

  @Override
  public void close() {
    manager.close();
  }
}
