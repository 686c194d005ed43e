package org.mlpvision.detection.assign;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.mlpvision.detection.box.Boxes;

/**
 * mmdet's {@code MaxIoUAssigner} (without ignore regions), as whole-tensor operations on the boxes'
 * device. Rules in mmdet's order:
 *
 * <ol>
 *   <li>every box starts ignored ({@code -1});
 *   <li>boxes whose best IoU is in {@code [0, negIouThr)} become negative ({@code 0});
 *   <li>boxes whose best IoU is {@code ≥ posIouThr} take their best ground truth;
 *   <li>if {@code matchLowQuality}: for each ground truth in index order whose best IoU is {@code ≥
 *       minPosIou}, every box (or only the first, without {@code gtMaxAssignAll}) reaching that
 *       best IoU takes it; a later ground truth overwrites an earlier one;
 *   <li>with no ground truth every box is negative.
 * </ol>
 *
 * @param posIouThr IoU at or above which a box is positive
 * @param negIouThr IoU below which a box is negative
 * @param minPosIou the least IoU for a low-quality match
 * @param matchLowQuality whether step 4 runs
 * @param gtMaxAssignAll whether step 4 gives a ground truth to all of its best boxes
 */
public record MaxIouAssigner(
    double posIouThr,
    double negIouThr,
    double minPosIou,
    boolean matchLowQuality,
    boolean gtMaxAssignAll) {

  /** Validates the thresholds. */
  public MaxIouAssigner {
    if (!(posIouThr >= 0 && posIouThr <= 1)) {
      throw new IllegalArgumentException("posIouThr must be in [0,1], got " + posIouThr);
    }
    if (!(negIouThr >= 0 && negIouThr <= 1)) {
      throw new IllegalArgumentException("negIouThr must be in [0,1], got " + negIouThr);
    }
    if (!(minPosIou >= 0 && minPosIou <= 1)) {
      throw new IllegalArgumentException("minPosIou must be in [0,1], got " + minPosIou);
    }
  }

  /** The RPN assigner: 0.7 / 0.3 / 0.3, low-quality matches to all best anchors. */
  public static MaxIouAssigner rpn() {
    return new MaxIouAssigner(0.7, 0.3, 0.3, true, true);
  }

  /** A cascade stage's assigner: {@code pos = neg = minPos = t}, no low-quality matches. */
  public static MaxIouAssigner cascadeStage(double t) {
    return new MaxIouAssigner(t, t, t, false, true);
  }

  /**
   * Assigns {@code boxes (N,4)} to {@code gts (M,4)} with labels {@code gtLabels (M)}.
   *
   * @param gtLabels int labels, or {@code null} to leave every label {@code -1}
   */
  public AssignResult assign(NDArray boxes, NDArray gts, NDArray gtLabels) {
    return assign(boxes, gts, gtLabels, Device.Type.CPU.equals(boxes.getDevice().getDeviceType()));
  }

  /**
   * {@link #assign(NDArray, NDArray, NDArray)} with the path chosen: {@code onHost} runs the fused
   * host pass (faster on a CPU), otherwise whole-tensor operations on the boxes' device.
   */
  public AssignResult assign(NDArray boxes, NDArray gts, NDArray gtLabels, boolean onHost) {
    Boxes.requireBoxes("boxes", boxes);
    Boxes.requireBoxes("gts", gts);
    long n = boxes.getShape().get(0);
    int m = Math.toIntExact(gts.getShape().get(0));
    if (gtLabels != null && gtLabels.getShape().size() != m) {
      throw new IllegalArgumentException(
          "gtLabels must have shape (" + m + "), got " + gtLabels.getShape());
    }
    NDManager mgr = boxes.getManager();
    if (m == 0 || n == 0) {
      NDArray zeros = mgr.zeros(new Shape(n), DataType.INT64, boxes.getDevice());
      return new AssignResult(
          m, zeros, mgr.zeros(new Shape(n), boxes.getDataType(), boxes.getDevice()), zeros.sub(1));
    }
    if (onHost) {
      return assignOnHost(boxes, gts, gtLabels, m);
    }
    NDArray ov = Boxes.iou(boxes, gts); // (N, M)
    NDArray maxOv = ov.max(new int[] {1});
    NDArray argmax = ov.argMax(1).toType(DataType.INT64, false);
    NDArray assigned = mgr.full(new Shape(n), -1L, DataType.INT64, boxes.getDevice());
    // Step 2 then step 3: a box with max IoU >= pos is never also < neg when pos >= neg; when pos <
    // neg mmdet lets step 3 overwrite, which the order below keeps.
    NDArray neg = maxOv.gte(0).logicalAnd(maxOv.lt(negIouThr));
    assigned = NDArrays.where(neg, assigned.zerosLike(), assigned);
    assigned = NDArrays.where(maxOv.gte(posIouThr), argmax.add(1), assigned);
    if (matchLowQuality) {
      assigned = lowQuality(ov, assigned, m);
    }
    NDArray labels;
    if (gtLabels == null) {
      labels = assigned.zerosLike().sub(1);
    } else {
      NDArray gl = gtLabels.toType(DataType.INT64, false).toDevice(boxes.getDevice(), false);
      NDArray picked = gl.get(assigned.sub(1).clip(0, m - 1));
      labels = NDArrays.where(assigned.gt(0), picked, picked.zerosLike().sub(1));
    }
    return new AssignResult(m, assigned, maxOv, labels);
  }

  private AssignResult assignOnHost(NDArray boxes, NDArray gts, NDArray gtLabels, int m) {
    HostMaxIou stats =
        new HostMaxIou(
            boxes.toType(DataType.FLOAT32, false).toFloatArray(),
            gts.toType(DataType.FLOAT32, false).toFloatArray());
    int n = stats.maxOverlap.length;
    long[] assigned = new long[n];
    for (int i = 0; i < n; i++) {
      float v = stats.maxOverlap[i];
      assigned[i] = v >= posIouThr ? stats.argmax(i) + 1 : (v >= 0 && v < negIouThr ? 0 : -1);
    }
    if (matchLowQuality) {
      boolean[] eligible = new boolean[m];
      for (int j = 0; j < m; j++) {
        eligible[j] = stats.gtMax[j] >= minPosIou;
      }
      if (gtMaxAssignAll) {
        int[] last = stats.lastBestMatch(eligible);
        for (int i = 0; i < n; i++) {
          if (last[i] > 0) {
            assigned[i] = last[i];
          }
        }
      } else {
        for (int j = 0; j < m; j++) {
          if (eligible[j]) {
            assigned[firstReaching(stats, j)] = j + 1;
          }
        }
      }
    }
    long[] labels = new long[n];
    long[] gl = gtLabels == null ? null : gtLabels.toType(DataType.INT64, false).toLongArray();
    for (int i = 0; i < n; i++) {
      labels[i] = gl != null && assigned[i] > 0 ? gl[(int) assigned[i] - 1] : -1;
    }
    NDManager mgr = boxes.getManager();
    return new AssignResult(
        m,
        mgr.create(assigned),
        mgr.create(stats.maxOverlap).toType(boxes.getDataType(), false),
        mgr.create(labels));
  }

  /** The first box whose IoU with ground truth {@code j} equals that ground truth's best. */
  private static int firstReaching(HostMaxIou stats, int j) {
    boolean[] only = new boolean[stats.gtMax.length];
    only[j] = true;
    int[] hits = stats.lastBestMatch(only);
    for (int i = 0; i < hits.length; i++) {
      if (hits[i] > 0) {
        return i;
      }
    }
    return 0;
  }

  private NDArray lowQuality(NDArray ov, NDArray assigned, int m) {
    NDArray gtMax = ov.max(new int[] {0}); // (M)
    NDArray eligible = gtMax.gte(minPosIou); // (M)
    if (gtMaxAssignAll) {
      // The highest eligible GT index j whose best IoU this box reaches: "later GT overwrites".
      NDArray hit = ov.eq(gtMax.expandDims(0)).logicalAnd(eligible.expandDims(0));
      NDArray order = ov.getManager().arange(1, m + 1, 1, DataType.INT32, ov.getDevice());
      NDArray last = hit.toType(DataType.INT32, false).mul(order.expandDims(0)).max(new int[] {1});
      NDArray lastL = last.toType(DataType.INT64, false);
      return NDArrays.where(lastL.gt(0), lastL, assigned);
    }
    // Only each GT's first best box; M is small, so this runs on the host in GT order.
    long[] best = ov.argMax(0).toType(DataType.INT64, false).toLongArray();
    boolean[] ok = eligible.toBooleanArray();
    long[] a = assigned.toLongArray();
    for (int j = 0; j < m; j++) {
      if (ok[j]) {
        a[(int) best[j]] = j + 1;
      }
    }
    return assigned.getManager().create(a).toDevice(assigned.getDevice(), false);
  }
}
