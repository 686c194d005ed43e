package org.mlpvision.core.random;

/**
 * The one place where seeds are mixed. Every random stream of the project (the engine RNG of a
 * training iteration, a task's step random, a loader's shuffle and per-sample choices, synthetic
 * images) is seeded with {@link #mix}{@code (seed, stream, index)}: a pure function, so a resumed
 * run, another thread count or another generation order draws exactly the same numbers.
 *
 * <p>The mix is SplitMix64's finalizer (Steele, Lea and Flood, 2014) over a linear combination of
 * the three inputs with odd 64-bit constants; nearby inputs give unrelated seeds.
 */
public final class Seeds {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final long STREAM = 0xBF58476D1CE4E5B9L;

  private Seeds() {}

  /**
   * The seed of item {@code index} of stream {@code stream} of a run seeded {@code seed}.
   *
   * @param seed the run's (or data set's) seed
   * @param stream which random stream: a small constant per purpose, or a coarse index such as the
   *     split or the epoch
   * @param index the item within the stream: an iteration, a batch position, an image
   */
  public static long mix(long seed, long stream, long index) {
    return scramble(seed * GOLDEN + stream * STREAM + index);
  }

  /** {@link #mix} as a non-negative {@code int}, for APIs that take one (the engine's RNG). */
  public static int mixInt(long seed, long stream, long index) {
    return (int) (mix(seed, stream, index) & 0x7FFFFFFFL);
  }

  /** SplitMix64's output function: a bijection of 64-bit values with full avalanche. */
  static long scramble(long z) {
    z = (z ^ (z >>> 30)) * STREAM;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
