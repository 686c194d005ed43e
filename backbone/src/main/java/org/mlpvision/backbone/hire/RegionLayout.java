package org.mlpvision.backbone.hire;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.mlpvision.core.ops.HostArrays;

/**
 * Hire-MLP's inner-region rearrangement along one axis of length {@code n}, region size {@code p}
 * and cross-region step {@code s}. The official code rolls by {@code +s}, pads circularly at the
 * end up to a multiple of {@code p}, mixes each run of {@code p} entries, crops back to {@code n}
 * and rolls by {@code -s}; both index maps below fold those steps into one gather each. Indexing is
 * modular, so it also works where the official circular pad refuses (pad larger than the axis,
 * inputs below 19×19); parity is only claimed from 19×19 up.
 */
public final class RegionLayout {
  private RegionLayout() {}

  /** Padded length: {@code n} rounded up to a multiple of {@code p}. */
  public static long paddedLength(long n, int p) {
    return (n + p - 1) / p * p;
  }

  /**
   * Gather map straight into the region layout: position {@code r·R + k} (offset-major) of the
   * result reads {@code x[(k·p + r - s) mod n]}, i.e. row {@code r} of region {@code k} after the
   * roll by {@code +s} and the circular end padding. Reshaping (C, p·R) to (C·p, R) then gives the
   * official channel index {@code c·p + r} without a transpose.
   */
  public static long[] gatherToRegions(long n, int p, int s) {
    int regions = Math.toIntExact(paddedLength(n, p) / p);
    long[] idx = new long[regions * p];
    for (int r = 0; r < p; r++) {
      for (int k = 0; k < regions; k++) {
        idx[r * regions + k] = Math.floorMod((long) k * p + r - s, n);
      }
    }
    return idx;
  }

  /**
   * Map back from the region layout: output entry {@code i} is padded row {@code j = (i + s) mod
   * n}, stored at position {@code (j mod p)·R + j / p}. Crop and roll by {@code -s} in one gather.
   */
  public static long[] gatherFromRegions(long n, int p, int s) {
    long regions = paddedLength(n, p) / p;
    long[] idx = new long[Math.toIntExact(n)];
    for (int i = 0; i < idx.length; i++) {
      long j = Math.floorMod(i + s, n);
      idx[i] = (j % p) * regions + j / p;
    }
    return idx;
  }

  /** Plain roll-and-pad map: entry {@code j} reads {@code x[(j - s) mod n]} (for tests). */
  public static long[] gather(long n, int p, int s) {
    long[] idx = new long[Math.toIntExact(paddedLength(n, p))];
    for (int j = 0; j < idx.length; j++) {
      idx[j] = Math.floorMod(j - s, n);
    }
    return idx;
  }

  /**
   * Moves regions of {@code p} entries along {@code axis} (2 = rows, 3 = columns) of (B, C, H, W)
   * next to the channel, after the cross-region shift by {@code s} and the circular end padding:
   * (B, C·p, R, W) for rows, (B, C·p, R, H) for columns (the column layout keeps H last: the region
   * MLP is per position, so only the inverse needs to agree). Channel index {@code c·p + r}. One
   * gather, no transpose copy.
   */
  public static NDArray toRegions(NDArray x, int axis, int p, int s) {
    Shape sh = x.getShape();
    long b = sh.get(0);
    long c = sh.get(1);
    long n = sh.get(axis);
    long regions = paddedLength(n, p) / p;
    NDArray src = axis == 2 ? x : x.transpose(0, 1, 3, 2);
    long other = src.getShape().get(3);
    NDArray gathered = src.get(pick(2, index(x, gatherToRegions(n, p, s))));
    return gathered.reshape(b, c * p, regions, other);
  }

  /**
   * Exact inverse of {@link #toRegions} for an axis of original length {@code n}: back to (B, C, H,
   * W), dropping the padded entries and undoing the shift, in one gather.
   */
  public static NDArray fromRegions(NDArray z, int axis, int p, int s, long n) {
    Shape sh = z.getShape();
    long b = sh.get(0);
    long c = sh.get(1) / p;
    long regions = sh.get(2);
    long other = sh.get(3);
    NDArray flat = z.reshape(b, c, p * regions, other);
    NDArray back = flat.get(pick(2, index(z, gatherFromRegions(n, p, s))));
    return axis == 2 ? back : back.transpose(0, 1, 3, 2);
  }

  private static NDArray index(NDArray like, long[] idx) {
    return HostArrays.longs(like.getManager(), idx, like.getDevice());
  }

  private static NDIndex pick(int axis, NDArray indices) {
    return new NDIndex(":, ".repeat(axis) + "{}", indices);
  }
}
