package org.mlpvision.backbone.hire;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

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

  /** Gather map into the region layout: entry {@code j} reads {@code x[(j - s) mod n]}. */
  public static long[] gather(long n, int p, int s) {
    long[] idx = new long[Math.toIntExact(paddedLength(n, p))];
    for (int j = 0; j < idx.length; j++) {
      idx[j] = Math.floorMod(j - s, n);
    }
    return idx;
  }

  /** Map back: output entry {@code i} reads region-layout entry {@code (i + s) mod n}. */
  public static long[] scatterBack(long n, int s) {
    long[] idx = new long[Math.toIntExact(n)];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = Math.floorMod(i + s, n);
    }
    return idx;
  }

  /** Whether {@link #gather} is the identity (no step, no padding): the gather can be skipped. */
  public static boolean gatherIsIdentity(long n, int p, int s) {
    return Math.floorMod(s, n) == 0 && n % p == 0;
  }

  /**
   * Moves regions of {@code p} entries along {@code axis} (2 = rows, 3 = columns) of (B, C, H, W)
   * next to the channel: (B, C·p, R, W) for rows, (B, C·p, H, R) for columns, channel {@code c·p +
   * r}, after the cross-region shift by {@code s} and the circular end padding.
   */
  public static NDArray toRegions(NDArray x, int axis, int p, int s) {
    Shape sh = x.getShape();
    long b = sh.get(0);
    long c = sh.get(1);
    long h = sh.get(2);
    long w = sh.get(3);
    long n = sh.get(axis);
    long regions = paddedLength(n, p) / p;
    NDArray y = x;
    if (!gatherIsIdentity(n, p, s)) {
      y = x.get(pick(axis, index(x, gather(n, p, s))));
    }
    if (axis == 2) {
      // (B, C, R·p, W) → (B, C, R, p, W) → (B, C, p, R, W) → (B, C·p, R, W)
      return y.reshape(b, c, regions, p, w).transpose(0, 1, 3, 2, 4).reshape(b, c * p, regions, w);
    }
    // (B, C, H, R·p) → (B, C, H, R, p) → (B, C, p, H, R) → (B, C·p, H, R)
    return y.reshape(b, c, h, regions, p).transpose(0, 1, 4, 2, 3).reshape(b, c * p, h, regions);
  }

  /**
   * Exact inverse of {@link #toRegions} for an axis of original length {@code n}: restores the
   * layout, drops the padded entries and undoes the shift.
   */
  public static NDArray fromRegions(NDArray z, int axis, int p, int s, long n) {
    Shape sh = z.getShape();
    long b = sh.get(0);
    long c = sh.get(1) / p;
    long padded = paddedLength(n, p);
    NDArray restored;
    if (axis == 2) {
      long w = sh.get(3);
      restored =
          z.reshape(b, c, p, padded / p, w).transpose(0, 1, 3, 2, 4).reshape(b, c, padded, w);
    } else {
      long h = sh.get(2);
      restored =
          z.reshape(b, c, p, h, padded / p).transpose(0, 1, 3, 4, 2).reshape(b, c, h, padded);
    }
    if (Math.floorMod(s, n) == 0) {
      return padded == n ? restored : restored.get(NDIndex.sliceAxis(axis, 0, n));
    }
    return restored.get(pick(axis, index(z, scatterBack(n, s))));
  }

  private static NDArray index(NDArray like, long[] idx) {
    return like.getManager().create(idx);
  }

  private static NDIndex pick(int axis, NDArray indices) {
    return new NDIndex(":, ".repeat(axis) + "{}", indices);
  }
}
