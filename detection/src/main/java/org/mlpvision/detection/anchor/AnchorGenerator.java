package org.mlpvision.detection.anchor;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mlpvision.backbone.FeatureSpec;

/**
 * mmdet's {@code AnchorGenerator} with the Cascade R-CNN settings: base size = stride, scale-major
 * (ratio-major row order), centre offset 0 (anchor centres on the top-left corner of each cell, no
 * half-stride shift). Per level, anchors come as {@code (H·W·A, 4)} with rows ordered (y, x, a),
 * the order of the RPN head's flattened outputs.
 */
public final class AnchorGenerator {
  private final int[] strides;
  private final float[] ratios;
  private final float[] scales;
  private final float[][] base;

  /**
   * @param strides per-level strides (also the base sizes), e.g. {@code 4,8,16,32,64}
   * @param ratios height/width ratios, e.g. {@code 0.5,1,2}
   * @param scales anchor scales in units of the base size, e.g. {@code 8}
   */
  public AnchorGenerator(int[] strides, float[] ratios, float[] scales) {
    requirePositive(
        "strides", strides.length, Arrays.stream(strides).allMatch(s -> s > 0), strides);
    requirePositive("ratios", ratios.length, allPositive(ratios), ratios);
    requirePositive("scales", scales.length, allPositive(scales), scales);
    this.strides = strides.clone();
    this.ratios = ratios.clone();
    this.scales = scales.clone();
    this.base = new float[strides.length][];
    for (int l = 0; l < strides.length; l++) {
      base[l] = baseAnchorValues(strides[l]);
    }
  }

  /**
   * The RPN configuration of the mmdet recipes (scales {8}, ratios {0.5,1,2}) over the given
   * pyramid levels, each with base size = its stride (P2..P6: 4..64).
   */
  public static AnchorGenerator mmdetRpn(List<FeatureSpec> levels) {
    return new AnchorGenerator(
        levels.stream().mapToInt(FeatureSpec::stride).toArray(),
        new float[] {0.5f, 1f, 2f},
        new float[] {8f});
  }

  /** Number of levels. */
  public int numLevels() {
    return strides.length;
  }

  /** Anchors per cell {@code A = #ratios · #scales}. */
  public int anchorsPerCell() {
    return ratios.length * scales.length;
  }

  /** Stride of {@code level}. */
  public int stride(int level) {
    return strides[checkLevel(level)];
  }

  private float[] baseAnchorValues(int baseSize) {
    float[] out = new float[anchorsPerCell() * 4];
    int i = 0;
    for (float r : ratios) {
      double hRatio = Math.sqrt(r);
      double wRatio = 1 / hRatio;
      for (float s : scales) {
        double w = baseSize * wRatio * s;
        double h = baseSize * hRatio * s;
        out[i++] = (float) (-0.5 * w);
        out[i++] = (float) (-0.5 * h);
        out[i++] = (float) (0.5 * w);
        out[i++] = (float) (0.5 * h);
      }
    }
    return out;
  }

  /** The level's base anchors about (0,0), {@code (A,4)}, ratio-major. */
  public NDArray baseAnchors(NDManager manager, int level) {
    return manager.create(base[checkLevel(level)]).reshape(anchorsPerCell(), 4);
  }

  /**
   * All anchors of one level for a {@code featH × featW} map, {@code (featH·featW·A, 4)} on {@code
   * device}.
   */
  public NDArray gridAnchors(NDManager manager, int level, long featH, long featW, Device device) {
    checkLevel(level);
    requireSize("feature size", featH, featW);
    int stride = strides[level];
    NDArray sx = manager.arange(0, (int) featW, 1, DataType.FLOAT32, device).mul(stride);
    NDArray sy = manager.arange(0, (int) featH, 1, DataType.FLOAT32, device).mul(stride);
    NDArray xx = sx.expandDims(0).broadcast(featH, featW).flatten();
    NDArray yy = sy.expandDims(1).broadcast(featH, featW).flatten();
    NDArray shifts = NDArrays.stack(new NDList(xx, yy, xx, yy), 1);
    NDArray b = baseAnchors(manager, level).toDevice(device, false);
    return shifts.expandDims(1).add(b.expandDims(0)).reshape(-1, 4);
  }

  /** {@link #gridAnchors} for every level; {@code featSizes[l] = {H, W}}. */
  public List<NDArray> gridAnchors(NDManager manager, long[][] featSizes, Device device) {
    if (featSizes.length != strides.length) {
      throw new IllegalArgumentException(
          "featSizes must have one {H,W} per level ("
              + strides.length
              + "), got "
              + featSizes.length);
    }
    List<NDArray> out = new ArrayList<>();
    for (int l = 0; l < featSizes.length; l++) {
      out.add(gridAnchors(manager, l, featSizes[l][0], featSizes[l][1], device));
    }
    return out;
  }

  /**
   * Valid flags {@code (featH·featW·A)} of one level: a cell is valid when {@code x <
   * ceil(padW/stride)} and {@code y < ceil(padH/stride)}, so cells that exist only because of batch
   * padding are invalid. {@code padH, padW} are the image's own padded size.
   */
  public NDArray validFlags(
      NDManager manager, int level, long featH, long featW, long padH, long padW, Device device) {
    checkLevel(level);
    requireSize("feature size", featH, featW);
    requireSize("pad shape", padH, padW);
    int stride = strides[level];
    long validH = Math.min((padH + stride - 1) / stride, featH);
    long validW = Math.min((padW + stride - 1) / stride, featW);
    NDArray vx = manager.arange(0, (int) featW, 1, DataType.INT64, device).lt(validW);
    NDArray vy = manager.arange(0, (int) featH, 1, DataType.INT64, device).lt(validH);
    NDArray v = vy.expandDims(1).logicalAnd(vx.expandDims(0)).flatten();
    return v.expandDims(1).broadcast(featH * featW, anchorsPerCell()).flatten();
  }

  /**
   * mmdet's {@code anchor_inside_flags}: valid anchors lying inside the unpadded image, {@code x1 ≥
   * -border, y1 ≥ -border, x2 < W + border, y2 < H + border} (strict on the far side).
   */
  public static NDArray insideFlags(
      NDArray anchors, NDArray validFlags, long imgH, long imgW, double allowedBorder) {
    requireSize("image shape", imgH, imgW);
    if (allowedBorder < 0) {
      return validFlags;
    }
    NDArray inside =
        anchors
            .get(":, 0")
            .gte(-allowedBorder)
            .logicalAnd(anchors.get(":, 1").gte(-allowedBorder))
            .logicalAnd(anchors.get(":, 2").lt(imgW + allowedBorder))
            .logicalAnd(anchors.get(":, 3").lt(imgH + allowedBorder));
    return validFlags.logicalAnd(inside);
  }

  private int checkLevel(int level) {
    if (level < 0 || level >= strides.length) {
      throw new IllegalArgumentException(
          "level must be in [0," + strides.length + "), got " + level);
    }
    return level;
  }

  private static void requireSize(String name, long h, long w) {
    if (h <= 0 || w <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + h + "x" + w);
    }
  }

  private static boolean allPositive(float[] v) {
    for (float x : v) {
      if (!(x > 0)) {
        return false;
      }
    }
    return true;
  }

  private static void requirePositive(String name, int length, boolean ok, Object values) {
    if (length == 0 || !ok) {
      throw new IllegalArgumentException(
          name + " must be a non-empty list of positive values, got " + valuesToString(values));
    }
  }

  private static String valuesToString(Object v) {
    if (v instanceof int[] a) {
      return Arrays.toString(a);
    }
    return Arrays.toString((float[]) v);
  }
}
