package org.mlpvision.detection.box;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.mlpvision.core.ops.Scalars;

/**
 * Box geometry on {@code (..., 4)} tensors in the mmdet convention: corners {@code (x1,y1,x2,y2)},
 * width {@code x2-x1} with no {@code +1}. All functions are differentiable tensor compositions that
 * run on the boxes' device.
 */
public final class Boxes {
  /** The floor mmdet puts under unions and enclosing areas (iou2d_calculator {@code eps}). */
  public static final double EPS = 1e-6;

  private Boxes() {}

  /** Checks that {@code boxes} has a last axis of size 4. */
  public static void requireBoxes(String name, NDArray boxes) {
    Shape s = boxes.getShape();
    if (s.dimension() < 1 || s.get(s.dimension() - 1) != 4) {
      throw new IllegalArgumentException(name + " must have shape (..., 4), got " + s);
    }
  }

  /** Areas {@code (x2-x1)(y2-y1)}, shape {@code (...)}. */
  public static NDArray area(NDArray boxes) {
    requireBoxes("boxes", boxes);
    NDArray wh = boxes.get("..., 2:4").sub(boxes.get("..., 0:2"));
    return wh.get("..., 0").mul(wh.get("..., 1"));
  }

  /**
   * Pairwise IoU of {@code a (N,4)} and {@code b (M,4)}: shape {@code (N,M)}; the union is floored
   * at {@link #EPS} as in mmdet.
   */
  public static NDArray iou(NDArray a, NDArray b) {
    return pairwise(a, b, false);
  }

  /** Pairwise generalized IoU {@code IoU - (C-U)/C}, shape {@code (N,M)}. */
  public static NDArray giou(NDArray a, NDArray b) {
    return pairwise(a, b, true);
  }

  /** Element-wise IoU of two {@code (N,4)} tensors (row i against row i), shape {@code (N)}. */
  public static NDArray alignedIou(NDArray a, NDArray b) {
    return aligned(a, b, false);
  }

  /** Element-wise GIoU of two {@code (N,4)} tensors, shape {@code (N)}. */
  public static NDArray alignedGiou(NDArray a, NDArray b) {
    return aligned(a, b, true);
  }

  private static NDArray pairwise(NDArray a, NDArray b, boolean generalized) {
    require2d("a", a);
    require2d("b", b);
    NDArray a3 = a.expandDims(1);
    NDArray b3 = b.expandDims(0);
    return overlap(a3, b3, area(a).expandDims(1), area(b).expandDims(0), generalized);
  }

  private static NDArray aligned(NDArray a, NDArray b, boolean generalized) {
    require2d("a", a);
    require2d("b", b);
    if (a.getShape().get(0) != b.getShape().get(0)) {
      throw new IllegalArgumentException(
          "aligned boxes need equal counts, got a " + a.getShape() + " and b " + b.getShape());
    }
    return overlap(a, b, area(a), area(b), generalized);
  }

  private static NDArray overlap(
      NDArray a, NDArray b, NDArray areaA, NDArray areaB, boolean generalized) {
    NDArray lt = a.get("..., 0:2").maximum(b.get("..., 0:2"));
    NDArray rb = a.get("..., 2:4").minimum(b.get("..., 2:4"));
    NDArray wh = Scalars.maximum(rb.sub(lt), 0);
    NDArray inter = wh.get("..., 0").mul(wh.get("..., 1"));
    NDArray union = Scalars.maximum(areaA.add(areaB).sub(inter), EPS);
    NDArray iou = inter.div(union);
    if (!generalized) {
      return iou;
    }
    NDArray elt = a.get("..., 0:2").minimum(b.get("..., 0:2"));
    NDArray erb = a.get("..., 2:4").maximum(b.get("..., 2:4"));
    NDArray ewh = Scalars.maximum(erb.sub(elt), 0);
    NDArray enclose = Scalars.maximum(ewh.get("..., 0").mul(ewh.get("..., 1")), EPS);
    return iou.sub(enclose.sub(union).div(enclose));
  }

  /** {@code (x1,y1,x2,y2)} to {@code (x,y,w,h)} (COCO results). */
  public static NDArray xyxyToXywh(NDArray boxes) {
    requireBoxes("boxes", boxes);
    NDArray xy = boxes.get("..., 0:2");
    return NDArrays.concat(new NDList(xy, boxes.get("..., 2:4").sub(xy)), -1);
  }

  /** {@code (x,y,w,h)} to {@code (x1,y1,x2,y2)}. */
  public static NDArray xywhToXyxy(NDArray boxes) {
    requireBoxes("boxes", boxes);
    NDArray xy = boxes.get("..., 0:2");
    return NDArrays.concat(new NDList(xy, xy.add(boxes.get("..., 2:4"))), -1);
  }

  /** {@code (x1,y1,x2,y2)} to centre and size {@code (cx,cy,w,h)}. */
  public static NDArray xyxyToCxcywh(NDArray boxes) {
    requireBoxes("boxes", boxes);
    NDArray p1 = boxes.get("..., 0:2");
    NDArray p2 = boxes.get("..., 2:4");
    return NDArrays.concat(new NDList(Scalars.mul(p1.add(p2), 0.5), p2.sub(p1)), -1);
  }

  /** Centre and size {@code (cx,cy,w,h)} to {@code (x1,y1,x2,y2)}. */
  public static NDArray cxcywhToXyxy(NDArray boxes) {
    requireBoxes("boxes", boxes);
    NDArray c = boxes.get("..., 0:2");
    NDArray half = Scalars.mul(boxes.get("..., 2:4"), 0.5);
    return NDArrays.concat(new NDList(c.sub(half), c.add(half)), -1);
  }

  /** Clips x to {@code [0,width]} and y to {@code [0,height]} (mmdet bounds: W and H, not W-1). */
  public static NDArray clip(NDArray boxes, double height, double width) {
    requireBoxes("boxes", boxes);
    NDArray x = boxes.get(new NDIndex("..., ::2")).clip(0, width);
    NDArray y = boxes.get(new NDIndex("..., 1::2")).clip(0, height);
    return NDArrays.stack(
        new NDList(x.get("..., 0"), y.get("..., 0"), x.get("..., 1"), y.get("..., 1")), -1);
  }

  private static void require2d(String name, NDArray boxes) {
    Shape s = boxes.getShape();
    if (s.dimension() != 2 || s.get(1) != 4) {
      throw new IllegalArgumentException(name + " must have shape (N, 4), got " + s);
    }
  }
}
