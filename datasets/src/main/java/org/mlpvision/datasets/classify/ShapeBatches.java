package org.mlpvision.datasets.classify;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * Training batches in a shuffled order that is a pure function of the seed and the batch index:
 * sample {@code k} of the run is image {@code perm(epoch)[k mod n]} with {@code epoch = k / n}, so
 * a resumed run continues with exactly the batches an uninterrupted one would see.
 */
public final class ShapeBatches {
  private final ShapeImages images;
  private final int batchSize;
  private final long seed;
  private long cachedEpoch = -1;
  private int[] cachedPerm;

  /**
   * @param images the split to draw from
   * @param batchSize images per batch
   * @param seed shuffling seed
   */
  public ShapeBatches(ShapeImages images, int batchSize, long seed) {
    this.images = images;
    this.batchSize = batchSize;
    this.seed = seed;
  }

  /** Images per batch. */
  public int batchSize() {
    return batchSize;
  }

  /** Training batch number {@code index}, created in {@code manager}. */
  public ShapeBatch batch(long index, NDManager manager) {
    int n = images.count();
    int[] ids = new int[batchSize];
    for (int j = 0; j < batchSize; j++) {
      long k = index * batchSize + j;
      ids[j] = permutation(k / n)[(int) (k % n)];
    }
    return gather(images, ids, manager);
  }

  /** Images {@code from} (inclusive) to {@code to} (exclusive) in order, for evaluation. */
  public static ShapeBatch range(ShapeImages images, int from, int to, NDManager manager) {
    int[] ids = new int[to - from];
    for (int j = 0; j < ids.length; j++) {
      ids[j] = from + j;
    }
    return gather(images, ids, manager);
  }

  private static ShapeBatch gather(ShapeImages images, int[] ids, NDManager manager) {
    int s = images.imageSize();
    int len = 3 * s * s;
    float[] x = new float[ids.length * len];
    long[] y = new long[ids.length];
    for (int j = 0; j < ids.length; j++) {
      images.copyNormalized(ids[j], x, j * len);
      y[j] = images.label(ids[j]);
    }
    return new ShapeBatch(
        manager.create(x, new Shape(ids.length, 3, s, s)),
        manager.create(y, new Shape(ids.length)));
  }

  private int[] permutation(long epoch) {
    if (epoch != cachedEpoch) {
      int n = images.count();
      int[] p = new int[n];
      for (int i = 0; i < n; i++) {
        p[i] = i;
      }
      Random r = new Random(seed * 31 + epoch);
      for (int i = n - 1; i > 0; i--) {
        int j = r.nextInt(i + 1);
        int t = p[i];
        p[i] = p[j];
        p[j] = t;
      }
      cachedPerm = p;
      cachedEpoch = epoch;
    }
    return cachedPerm;
  }
}
