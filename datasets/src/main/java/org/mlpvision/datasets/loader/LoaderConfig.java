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
 */
public record LoaderConfig(
    @Range(min = 1, max = 1024) Integer batchSize,
    @Range(min = 1, max = 256) Integer workers,
    @Range(min = 1, max = 256) Integer prefetch,
    Boolean shuffle,
    Long seed,
    Boolean dropLast,
    @Range(min = 1, max = 512) Integer sizeDivisor) {
  /** Fills pinned defaults. */
  public LoaderConfig {
    batchSize = Defaults.or(batchSize, 2);
    workers = Defaults.or(workers, 2);
    prefetch = Defaults.or(prefetch, 4);
    shuffle = Defaults.or(shuffle, true);
    seed = Defaults.or(seed, 0L);
    dropLast = Defaults.or(dropLast, false);
    sizeDivisor = Defaults.or(sizeDivisor, 32);
  }
}
