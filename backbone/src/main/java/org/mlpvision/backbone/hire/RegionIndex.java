package org.mlpvision.backbone.hire;

/**
 * Index arithmetic of Hire-MLP's inner-region rearrangement along one axis of length {@code n},
 * region size {@code p} and cross-region step {@code s}. The official code rolls by {@code +s},
 * pads circularly at the end up to a multiple of {@code p}, mixes each run of {@code p} entries,
 * crops back to {@code n} and rolls by {@code -s}; both index maps below fold those steps into one
 * gather each. Indexing is modular, so it also works where the official circular pad refuses (pad
 * larger than the axis, inputs below 19×19); parity is only claimed from 19×19 up.
 */
public final class RegionIndex {
  private RegionIndex() {}

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
}
