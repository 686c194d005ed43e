package org.mlpvision.datasets.loader;

import org.mlpvision.core.config.Defaults;
import org.mlpvision.core.config.Range;

/**
 * Loader settings (config section, e.g. {@code data.loader}).
 *
 * @param batchSize images per batch (default 2)
 * @param workers loader threads (default 2)
 * @param prefetch batches decoded ahead, the bound of the queue (default 4)
 * @param shuffle reshuffle every epoch (default true)
 * @param seed seed of the shuffle and of every sample's random choices (default 0)
 * @param dropLast drop a last, smaller batch (default false)
 * @param sizeDivisor batch padding multiple (default 32)
 * @param opencvThreads OpenCV's own thread pool size, a process-wide setting applied by the loader
 *     (default 1, as mmdet's workers set: the loader threads are the parallelism; 0 leaves OpenCV's
 *     default)
 */
public record LoaderConfig(
    @Range(min = 1, max = 1024) Integer batchSize,
    @Range(min = 1, max = 256) Integer workers,
    @Range(min = 1, max = 256) Integer prefetch,
    Boolean shuffle,
    Long seed,
    Boolean dropLast,
    @Range(min = 1, max = 512) Integer sizeDivisor,
    @Range(min = 0, max = 256) Integer opencvThreads) {
  /** Fills pinned defaults. */
  public LoaderConfig {
    batchSize = Defaults.or(batchSize, 2);
    workers = Defaults.or(workers, 2);
    prefetch = Defaults.or(prefetch, 4);
    shuffle = Defaults.or(shuffle, true);
    seed = Defaults.or(seed, 0L);
    dropLast = Defaults.or(dropLast, false);
    sizeDivisor = Defaults.or(sizeDivisor, 32);
    opencvThreads = Defaults.or(opencvThreads, 1);
  }

  /** Settings with OpenCV's thread count left at the default of 1. */
  public LoaderConfig(
      int batchSize,
      int workers,
      int prefetch,
      boolean shuffle,
      long seed,
      boolean dropLast,
      int sizeDivisor) {
    this(batchSize, workers, prefetch, shuffle, seed, dropLast, sizeDivisor, null);
  }
}
