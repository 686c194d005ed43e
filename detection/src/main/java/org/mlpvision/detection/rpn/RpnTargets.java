package org.mlpvision.detection.rpn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Random;
import org.mlpvision.detection.anchor.AnchorGenerator;
import org.mlpvision.detection.assign.AssignResult;
import org.mlpvision.detection.assign.MaxIouAssigner;
import org.mlpvision.detection.assign.RandomSampler;
import org.mlpvision.detection.assign.SamplingResult;
import org.mlpvision.detection.box.DeltaXywhCoder;

/**
 * RPN anchor targets of one image (mmdet {@code AnchorHead._get_targets_single}): only anchors that
 * are valid and inside the unpadded image up to {@code allowedBorder} take part; they are assigned,
 * sampled, and positives get encoded deltas. Everything else has weight 0.
 *
 * @param assigner the anchor assigner
 * @param sampler the anchor sampler
 * @param coder the delta coder
 * @param allowedBorder how far anchors may cross the image border ({@code < 0}: any)
 * @param posWeight label weight of positives ({@code <= 0}: 1)
 */
public record RpnTargets(
    MaxIouAssigner assigner,
    RandomSampler sampler,
    DeltaXywhCoder coder,
    double allowedBorder,
    double posWeight) {

  /** The Cascade R-CNN RPN setting ({@code allowed_border=0}, {@code pos_weight=-1}). */
  public static RpnTargets cascade() {
    return new RpnTargets(MaxIouAssigner.rpn(), RandomSampler.rpn(), DeltaXywhCoder.rpn(), 0, -1);
  }

  /**
   * @param anchors {@code (A,4)} all levels' anchors, concatenated in level order
   * @param validFlags {@code (A)} boolean valid flags
   * @param gtBoxes {@code (M,4)} ground-truth boxes
   * @param imgShape {@code {height, width}} of the unpadded image
   * @param rng the sampler's random source
   */
  public AnchorTargets compute(
      NDArray anchors, NDArray validFlags, NDArray gtBoxes, long[] imgShape, Random rng) {
    long a = anchors.getShape().get(0);
    if (validFlags.getShape().size() != a) {
      throw new IllegalArgumentException(
          "validFlags must have " + a + " values, got " + validFlags.getShape());
    }
    NDManager mgr = anchors.getManager();
    NDArray inside =
        AnchorGenerator.insideFlags(anchors, validFlags, imgShape[0], imgShape[1], allowedBorder);
    long[] insideIdx = inside.nonzero().flatten().toLongArray();
    NDArray idx = mgr.create(insideIdx).toDevice(anchors.getDevice(), false);
    NDArray inAnchors = anchors.get(idx);
    AssignResult assign = assigner.assign(inAnchors, gtBoxes, null);
    SamplingResult s = sampler.sample(assign, rng);
    long[] labels = new long[(int) a];
    float[] labelW = new float[(int) a];
    float[] bboxW = new float[(int) a * 4];
    Arrays.fill(labels, 1);
    long[] posAll = new long[s.posInds().length];
    for (int i = 0; i < posAll.length; i++) {
      int anchor = (int) insideIdx[(int) s.posInds()[i]];
      posAll[i] = anchor;
      labels[anchor] = 0;
      labelW[anchor] = posWeight > 0 ? (float) posWeight : 1;
      for (int j = 0; j < 4; j++) {
        bboxW[4 * anchor + j] = 1;
      }
    }
    for (long n : s.negInds()) {
      labelW[(int) insideIdx[(int) n]] = 1;
    }
    NDArray targets = mgr.zeros(new Shape(a, 4), anchors.getDataType(), anchors.getDevice());
    if (posAll.length > 0) {
      NDArray pos = mgr.create(posAll).toDevice(anchors.getDevice(), false);
      NDArray gt = gtBoxes.get(mgr.create(s.posGtInds()).toDevice(anchors.getDevice(), false));
      targets.set(new NDIndex("{}", pos), coder.encode(anchors.get(pos), gt));
    }
    return new AnchorTargets(
        mgr.create(labels).toDevice(anchors.getDevice(), false),
        mgr.create(labelW).toDevice(anchors.getDevice(), false),
        targets,
        mgr.create(bboxW, new Shape(a, 4)).toDevice(anchors.getDevice(), false),
        s.posInds().length,
        s.negInds().length);
  }

  /** The loss divisor mmdet uses: {@code Σ_img max(#pos,1) + Σ_img max(#neg,1)}. */
  public static double avgFactor(AnchorTargets... images) {
    double f = 0;
    for (AnchorTargets t : images) {
      f += Math.max(t.numPos(), 1) + Math.max(t.numNeg(), 1);
    }
    return f;
  }
}
