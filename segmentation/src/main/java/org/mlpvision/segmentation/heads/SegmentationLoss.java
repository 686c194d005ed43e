package org.mlpvision.segmentation.heads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.mlpvision.core.ops.CustomGradient;
import org.mlpvision.core.ops.Resize;
import org.mlpvision.core.ops.Scalars;

/**
 * mmseg 0.11's decode-head loss ({@code BaseDecodeHead.losses}): the logits are resized bilinearly
 * to the label size first; the cross entropy with an ignore index is averaged over <b>all</b>
 * pixels, ignored ones included (they add 0 to the sum but count in the denominator), then
 * multiplied by the head's loss weight. The accuracy is the percentage of all pixels whose argmax
 * equals the label, ignored pixels counting as wrong.
 *
 * <p>The upsampled logits ({@code N·K·H·W}: 79 MB for 8 images of 128² at 150 classes, 315 MB for 2
 * of 512²) are never held whole. They are made band by band of output rows (about {@value
 * #BAND_ELEMENTS} values, so a band stays in cache), and each band's loss, correct pixels and
 * gradient {@code (softmax - onehot) · valid / (N·H·W)} are taken at once; the gradient is carried
 * back through the resize (the transposed interpolation matrices) to the head's logits and joined
 * to autograd by {@link CustomGradient}. Autograd through the composition would keep the full-size
 * resized logits and log-probabilities for the backward pass and read them several times from
 * memory; the values and gradients are the same (tested against that composition).
 *
 * @param loss the weighted scalar loss
 * @param accuracy the scalar float64 pixel accuracy in percent (no gradient, not weighted)
 */
public record SegmentationLoss(NDArray loss, NDArray accuracy) {
  /** Values of the upsampled logits per band: 4 MB in float32. */
  static final long BAND_ELEMENTS = 1L << 20;

  /**
   * @param logits {@code (N, K, h, w)} raw head output
   * @param labels {@code (N, H, W)} integer classes, {@code ignoreIndex} where unlabelled
   * @param ignoreIndex label value without loss (255)
   * @param alignCorners the resize's {@code align_corners}
   * @param weight the loss weight ({@code loss_decode.loss_weight})
   */
  public static SegmentationLoss of(
      NDArray logits, NDArray labels, int ignoreIndex, boolean alignCorners, double weight) {
    return of(logits, labels, ignoreIndex, alignCorners, weight, BAND_ELEMENTS);
  }

  /** {@link #of} with bands of at most {@code bandElements} values (at least one row). */
  static SegmentationLoss of(
      NDArray logits,
      NDArray labels,
      int ignoreIndex,
      boolean alignCorners,
      double weight,
      long bandElements) {
    Shape ls = labels.getShape();
    Shape xs = logits.getShape();
    if (ls.dimension() != 3 || xs.dimension() != 4 || ls.get(0) != xs.get(0)) {
      throw new IllegalArgumentException(
          "expected logits (N,K,h,w) and labels (N,H,W), got " + xs + " and " + ls);
    }
    NDManager out = logits.getManager();
    try (NDManager scope = out.newSubManager()) {
      NDArray y = labels.toType(DataType.INT64, false);
      if (y != labels) {
        y.attach(scope);
      }
      checkLabels(y, xs.get(1), ignoreIndex);
      Pass pass = new Pass(logits, y, ignoreIndex, alignCorners, scope);
      pass.run(Math.max(1, bandElements / (xs.get(1) * ls.get(2))));
      double pixels = ls.size();
      NDArray value = Scalars.div(pass.lossSum, pixels);
      NDArray loss = CustomGradient.scalar(value, logits, Scalars.div(pass.gradient, pixels));
      // Scalars: a Java-owned scalar operand could be freed before the backward pass reads it.
      loss = Scalars.mul(loss, weight);
      // Counted exactly in int64; a 0-d float64 factor would also promote a 0-d float32 loss.
      NDArray accuracy = pass.correct.toType(DataType.FLOAT64, false).mul(100.0 / pixels);
      loss.attach(out);
      accuracy.attach(out);
      return new SegmentationLoss(loss, accuracy);
    }
  }

  private static void checkLabels(NDArray y, long classes, int ignoreIndex) {
    NDArray invalid = y.neq(ignoreIndex).logicalAnd(y.lt(0).logicalOr(y.gte(classes)));
    if (invalid.any().getBoolean()) {
      long bad = y.get(invalid).get(0).getLong();
      throw new IllegalArgumentException(
          "label value "
              + bad
              + " is neither a class in [0, "
              + classes
              + ") nor the ignore index "
              + ignoreIndex);
    }
  }

  /**
   * One pass over the upsampled logits, band by band; its sums live in {@code scope}. Each image is
   * taken channels last, {@code (h, w, K)}: the columns are resized once to {@code (h, W·K)}; a
   * band of output rows is then one product with the few input rows it reads, and its softmax, pick
   * and argmax run over contiguous classes (the argmax over the class axis of {@code (K, H, W)}
   * took twice as long).
   */
  private static final class Pass {
    private final NDArray x;
    private final NDArray y;
    private final int ignoreIndex;
    private final NDManager scope;
    private final NDArray ry;
    private final NDArray rx;
    private final NDArray rxT;
    private final double[] ryHost;
    private NDArray lossSum;
    private NDArray correct;
    private NDArray gradient;

    Pass(NDArray logits, NDArray y, int ignoreIndex, boolean alignCorners, NDManager scope) {
      this.x = logits.stopGradient();
      x.attach(scope);
      this.y = y;
      this.ignoreIndex = ignoreIndex;
      this.scope = scope;
      Shape xs = logits.getShape();
      Shape ls = y.getShape();
      this.ry = Resize.matrix(x, ls.get(1), xs.get(2), alignCorners);
      this.rx = Resize.matrix(x, ls.get(2), xs.get(3), alignCorners);
      this.rxT = rx.transpose();
      this.ryHost = ry.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    void run(long rows) {
      long n = y.getShape().get(0);
      long height = y.getShape().get(1);
      long width = y.getShape().get(2);
      long h = x.getShape().get(2);
      long k = x.getShape().get(1);
      NDArray[] grads = new NDArray[Math.toIntExact(n)];
      for (long i = 0; i < n; i++) {
        // Each op's result lives in its first operand's manager: inputs are attached to the
        // image's or band's scope first, so a band's temporaries are freed with it.
        try (NDManager image = scope.newSubManager()) {
          NDArray xi = x.get(i);
          xi.attach(image);
          // (K, h, w) x (w, W) -> (K, h, W) -> channels last (h, W·K).
          NDArray columns = xi.matMul(rxT).transpose(1, 2, 0).reshape(h, width * k);
          NDArray grad = image.zeros(columns.getShape(), columns.getDataType(), x.getDevice());
          for (long r0 = 0; r0 < height; r0 += rows) {
            long r1 = Math.min(height, r0 + rows);
            long[] span = inputRows(r0, r1, h);
            String read = span[0] + ":" + span[1];
            try (NDManager band = image.newSubManager()) {
              NDArray weights = ry.get(r0 + ":" + r1 + "," + read);
              NDArray labels = y.get(i + "," + r0 + ":" + r1);
              NDArray before = grad.get(read);
              weights.attach(band);
              labels.attach(band);
              before.attach(band);
              NDArray z = weights.matMul(columns.get(read)).reshape(r1 - r0, width, k);
              NDArray dz = band(z, labels).reshape(r1 - r0, width * k);
              grad.set(new NDIndex(read), before.add(weights.transpose().matMul(dz)));
            }
          }
          // (h, W·K) -> (K, h, W) x (W, w) -> (K, h, w).
          NDArray g = grad.reshape(h, width, k).transpose(2, 0, 1).matMul(rx);
          g.attach(scope);
          grads[(int) i] = g;
        }
      }
      gradient = NDArrays.stack(new NDList(grads));
    }

    /**
     * {@code [lo, hi)}: the input rows that output rows {@code [r0, r1)} read (nonzero weights).
     */
    private long[] inputRows(long r0, long r1, long in) {
      long lo = in;
      long hi = 0;
      for (long r = r0; r < r1; r++) {
        for (long c = 0; c < in; c++) {
          if (ryHost[(int) (r * in + c)] != 0) {
            lo = Math.min(lo, c);
            hi = Math.max(hi, c + 1);
          }
        }
      }
      return hi > lo ? new long[] {lo, hi} : new long[] {0, in};
    }

    /**
     * Adds the loss and correct pixels of one band {@code z (b, W, K)} and returns its unscaled
     * gradient {@code (softmax - onehot) · valid}. (It is computed even when nothing will
     * differentiate: DJL's {@code hasGradient()} is false for every non-leaf array.)
     */
    private NDArray band(NDArray z, NDArray labels) {
      NDArray valid = labels.neq(ignoreIndex);
      NDArray safe = NDArrays.where(valid, labels, labels.zerosLike()).expandDims(-1);
      NDArray mask = valid.toType(z.getDataType(), false).expandDims(-1);
      NDArray logp = z.logSoftmax(-1);
      NDArray picked = logp.gather(safe, -1);
      add(picked.mul(mask).sum().neg(), z.argMax(-1).eq(labels).sum());
      return logp.exp().scatter(safe, Scalars.sub(picked.exp(), 1), -1).mul(mask);
    }

    private void add(NDArray bandLoss, NDArray bandCorrect) {
      NDArray c = bandCorrect.toType(DataType.INT64, false);
      lossSum = lossSum == null ? bandLoss : lossSum.add(bandLoss);
      correct = correct == null ? c : correct.add(c);
      lossSum.attach(scope);
      correct.attach(scope);
    }
  }
}
