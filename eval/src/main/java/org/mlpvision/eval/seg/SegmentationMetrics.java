package org.mlpvision.eval.seg;

import java.util.Arrays;
import org.mlpvision.eval.NumpySum;

/**
 * Dataset-level semantic-segmentation metrics, as mmsegmentation computes them from the summed
 * per-class areas: {@code IoU_c = I_c/U_c}, {@code Acc_c = I_c/L_c}, {@code aAcc = ΣI/ΣL}; mIoU and
 * mAcc are NaN-skipping means, so a class absent from both ground truth and prediction (0/0) does
 * not count, while a class predicted but absent from the ground truth counts with IoU 0. All values
 * are fractions in [0,1] (not rounded), or NaN where undefined.
 *
 * @param aAcc overall pixel accuracy
 * @param mIoU mean IoU over classes with a defined IoU
 * @param mAcc mean accuracy over classes present in the ground truth
 * @param iou per-class IoU (NaN where the union is empty)
 * @param acc per-class accuracy (NaN where the class is absent from the ground truth)
 * @param intersect per-class intersection areas (pixels)
 * @param union per-class union areas
 * @param predArea per-class predicted areas
 * @param labelArea per-class ground-truth areas
 */
public record SegmentationMetrics(
    double aAcc,
    double mIoU,
    double mAcc,
    double[] iou,
    double[] acc,
    long[] intersect,
    long[] union,
    long[] predArea,
    long[] labelArea) {

  /**
   * Derives the metrics from a confusion matrix {@code confusion[gt][pred]} of pixel counts over
   * valid (non-ignored) pixels.
   */
  public static SegmentationMetrics fromConfusion(long[][] confusion) {
    int k = confusion.length;
    long[] inter = new long[k];
    long[] pred = new long[k];
    long[] label = new long[k];
    for (int g = 0; g < k; g++) {
      if (confusion[g].length != k) {
        throw new IllegalArgumentException("confusion matrix must be square, row " + g);
      }
      for (int p = 0; p < k; p++) {
        label[g] += confusion[g][p];
        pred[p] += confusion[g][p];
      }
      inter[g] = confusion[g][g];
    }
    return fromAreas(inter, pred, label);
  }

  /** Derives the metrics from per-class intersection, predicted and ground-truth areas. */
  public static SegmentationMetrics fromAreas(long[] intersect, long[] predArea, long[] labelArea) {
    int k = intersect.length;
    long[] union = new long[k];
    double[] iou = new double[k];
    double[] acc = new double[k];
    long sumI = 0;
    long sumL = 0;
    for (int c = 0; c < k; c++) {
      union[c] = predArea[c] + labelArea[c] - intersect[c];
      // 0/0 yields NaN in double arithmetic, exactly the "absent class" marker mmseg relies on.
      iou[c] = (double) intersect[c] / (double) union[c];
      acc[c] = (double) intersect[c] / (double) labelArea[c];
      sumI += intersect[c];
      sumL += labelArea[c];
    }
    return new SegmentationMetrics(
        (double) sumI / (double) sumL,
        nanMean(iou),
        nanMean(acc),
        iou,
        acc,
        intersect.clone(),
        union,
        predArea.clone(),
        labelArea.clone());
  }

  /**
   * Mean over the non-NaN entries, NaN when there are none: numpy's {@code nanmean}, which sums the
   * array with NaNs replaced by 0 (pairwise) and divides by the count of the others.
   */
  static double nanMean(double[] values) {
    double[] zeroed = new double[values.length];
    int n = 0;
    for (int i = 0; i < values.length; i++) {
      if (!Double.isNaN(values[i])) {
        zeroed[i] = values[i];
        n++;
      }
    }
    return n == 0 ? Double.NaN : NumpySum.pairwise(zeroed, 0, zeroed.length) / n;
  }

  /** Number of classes. */
  public int numClasses() {
    return iou.length;
  }

  @Override
  public String toString() {
    return String.format(
        "aAcc=%.4f mIoU=%.4f mAcc=%.4f IoU=%s", aAcc, mIoU, mAcc, Arrays.toString(iou));
  }
}
