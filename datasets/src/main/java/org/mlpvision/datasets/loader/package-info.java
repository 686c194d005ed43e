/**
 * Loading at speed: {@link org.mlpvision.datasets.loader.SampleSource}s for COCO and ADE20K, the
 * seeded multi-threaded {@link org.mlpvision.datasets.loader.PrefetchLoader} with a bounded queue,
 * collation into padded {@link org.mlpvision.datasets.loader.HostBatch}es on loader threads, and
 * {@link org.mlpvision.datasets.loader.HostBatch#toDevice} into a scoped manager.
 */
package org.mlpvision.datasets.loader;
