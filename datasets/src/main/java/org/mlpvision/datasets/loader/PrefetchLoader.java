package org.mlpvision.datasets.loader;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.mlpvision.core.random.Seeds;
import org.mlpvision.datasets.DatasetException;
import org.mlpvision.datasets.transform.Normalize;
import org.mlpvision.datasets.transform.OpenCvRuntime;
import org.mlpvision.datasets.transform.Sample;
import org.opencv.core.Core;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A multi-threaded prefetching loader: worker threads decode, transform and collate whole batches
 * into {@link HostBatch}es, at most {@code prefetch} batches ahead (a bounded queue, so memory
 * stays flat), and hands them out in order.
 *
 * <p>Deterministic: the epoch's order is a seeded shuffle of {@code (seed, epoch)}, and every
 * sample's random choices come from {@code (seed, epoch, position)}, so results do not depend on
 * thread timing. A sample its pipeline drops is replaced by another index drawn from that same
 * random stream (mmdet's {@code _rand_another}). So is, in a shuffled (training) loader, an item
 * that cannot be read ({@link DatasetException}: a missing or undecodable image, a size that
 * disagrees with the annotation): it is reported once, by name, and counted ({@link #skipped}), so
 * a long run never dies on one bad file; the replacement comes from the same stream, so a resumed
 * run still sees the same batches. An unshuffled (evaluation) loader fails on it instead, naming
 * it, since leaving an image out would change the metric. Close the loader to stop its threads.
 */
public final class PrefetchLoader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PrefetchLoader.class);
  private static final int MAX_REDRAWS = 50;

  private final SampleSource source;
  private final LoaderConfig config;
  private final ExecutorService pool;
  private final Normalize fusedNormalize;
  private final Set<String> skipped = ConcurrentHashMap.newKeySet();

  /** A loader whose sources deliver normalized float32 images. */
  public PrefetchLoader(SampleSource source, LoaderConfig config) {
    this(source, config, null);
  }

  /**
   * A loader that normalizes BGR uint8 images during collation ({@code fusedNormalize}), in one
   * pass with the padding; use with pipelines that end in {@link
   * org.mlpvision.datasets.transform.Pad#shapeOnly}.
   */
  public PrefetchLoader(SampleSource source, LoaderConfig config, Normalize fusedNormalize) {
    this.source = source;
    this.config = config;
    this.fusedNormalize = fusedNormalize;
    if (config.opencvThreads() > 0) {
      OpenCvRuntime.ensureLoaded();
      Core.setNumThreads(config.opencvThreads());
    }
    AtomicInteger n = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            config.workers(),
            r -> {
              Thread t = new Thread(r, "loader-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** The messages of the unreadable items skipped so far, one per item. */
  public Set<String> skipped() {
    return Set.copyOf(skipped);
  }

  /** Batches per epoch. */
  public int batchesPerEpoch() {
    int n = source.size();
    int b = config.batchSize();
    return config.dropLast() ? n / b : (n + b - 1) / b;
  }

  /** The sample order of {@code epoch}: a seeded Fisher-Yates shuffle, or identity. */
  public int[] order(int epoch) {
    int[] idx = new int[source.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    if (config.shuffle()) {
      Random r = new Random(Seeds.mix(config.seed(), epoch, -1));
      for (int i = idx.length - 1; i > 0; i--) {
        int j = r.nextInt(i + 1);
        int t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
      }
    }
    return idx;
  }

  /** Iterates the batches of {@code epoch}; errors from workers are rethrown as they are. */
  public Iterator<HostBatch> epoch(int epoch) {
    return epoch(epoch, 0);
  }

  /**
   * Iterates the batches of {@code epoch} from batch position {@code fromBatch} on, without loading
   * the earlier ones: batch {@code p} is the same whether the epoch started at 0 or at {@code p} (a
   * resumed run). Errors from workers are rethrown as they are.
   *
   * @throws IllegalArgumentException when {@code fromBatch} is outside {@code [0,
   *     batchesPerEpoch()]}
   */
  public Iterator<HostBatch> epoch(int epoch, int fromBatch) {
    int[] order = order(epoch);
    int batches = batchesPerEpoch();
    if (fromBatch < 0 || fromBatch > batches) {
      throw new IllegalArgumentException(
          "batch position " + fromBatch + " is outside [0, " + batches + "] of the epoch");
    }
    int b = config.batchSize();
    return new Iterator<>() {
      private final ArrayDeque<Future<HostBatch>> queue = new ArrayDeque<>();
      private int submitted = fromBatch;

      private void fill() {
        while (submitted < batches && queue.size() < config.prefetch()) {
          int start = submitted * b;
          int end = Math.min(order.length, start + b);
          queue.add(pool.submit(() -> load(order, start, end, epoch)));
          submitted++;
        }
      }

      @Override
      public boolean hasNext() {
        fill();
        return !queue.isEmpty();
      }

      @Override
      public HostBatch next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Future<HostBatch> f = queue.poll();
        fill();
        try {
          return f.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while loading", e);
        } catch (ExecutionException e) {
          queue.forEach(q -> q.cancel(true));
          queue.clear();
          submitted = batches;
          Throwable c = e.getCause();
          if (c instanceof RuntimeException re) {
            throw re;
          }
          if (c instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException(c);
        }
      }
    };
  }

  private HostBatch load(int[] order, int start, int end, int epoch) {
    List<Sample> samples = new ArrayList<>(end - start);
    try {
      for (int pos = start; pos < end; pos++) {
        Random rnd = new Random(Seeds.mix(config.seed(), epoch, pos));
        int index = order[pos];
        Sample s = loadOrSkip(index, rnd);
        for (int t = 0; s == null && t < MAX_REDRAWS; t++) {
          index = rnd.nextInt(source.size());
          s = loadOrSkip(index, rnd);
        }
        if (s == null) {
          throw new IllegalStateException(
              "the pipeline dropped " + (MAX_REDRAWS + 1) + " samples in a row at position " + pos);
        }
        samples.add(s);
      }
      return HostBatch.collate(samples, config.sizeDivisor(), fusedNormalize);
    } finally {
      samples.forEach(Sample::close);
    }
  }

  /** The sample, or null when the pipeline drops it or (shuffled loaders) it cannot be read. */
  private Sample loadOrSkip(int index, Random rnd) {
    try {
      return source.load(index, rnd);
    } catch (DatasetException e) {
      if (!config.shuffle()) {
        throw e;
      }
      if (skipped.add(e.getMessage())) {
        LOG.warn("skipped (another item is drawn in its place): {}", e.getMessage());
      }
      return null;
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
