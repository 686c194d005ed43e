package org.mlpvision.datasets.loader;

import java.util.Iterator;

/**
 * The batches of a whole training run by global index, over a {@link PrefetchLoader}: batch {@code
 * i} is batch {@link Position#batch()} of epoch {@link Position#epoch()}, with {@code epoch = i /
 * batchesPerEpoch} and {@code batch = i % batchesPerEpoch}. Since the loader's order and every
 * sample's random choices are functions of (seed, epoch, position), batch {@code i} is the same
 * batch whether the run started at 0 or was resumed at any iteration: what a {@code
 * TrainTask.batch(index, scope)} over a real data set needs.
 *
 * <p>Sequential indices (the training loop asks for {@code i}, {@code i+1}, ...) stream from one
 * prefetching epoch iterator; any other index (the first call of a resumed run) restarts the epoch
 * at that position, loading nothing before it. Use from one thread; closing this does not close the
 * loader.
 */
public final class GlobalBatches {
  private final PrefetchLoader loader;
  private final int perEpoch;
  private Iterator<HostBatch> current;
  private long next = -1;

  /**
   * Where a global batch index falls.
   *
   * @param epoch the epoch, from 0
   * @param batch the batch position within the epoch, from 0
   */
  public record Position(int epoch, int batch) {}

  /**
   * @param loader the training loader (its {@code drop_last} decides the batches per epoch)
   * @throws IllegalArgumentException when the loader yields no batch per epoch
   */
  public GlobalBatches(PrefetchLoader loader) {
    this.loader = loader;
    this.perEpoch = loader.batchesPerEpoch();
    if (perEpoch < 1) {
      throw new IllegalArgumentException(
          "the loader yields no batch per epoch (fewer samples than one batch with drop_last)");
    }
  }

  /** Batches per epoch. */
  public int batchesPerEpoch() {
    return perEpoch;
  }

  /** The epoch and position of global batch {@code index}. */
  public Position position(long index) {
    if (index < 0) {
      throw new IllegalArgumentException("batch index must be >= 0, got " + index);
    }
    return new Position(Math.toIntExact(index / perEpoch), (int) (index % perEpoch));
  }

  /** Global batch {@code index} of the run. */
  public HostBatch get(long index) {
    Position p = position(index);
    if (index != next || current == null || !current.hasNext()) {
      current = loader.epoch(p.epoch(), p.batch());
    }
    next = index + 1;
    return current.next();
  }
}
