package org.mlpvision.eval;

import ai.djl.ndarray.NDManager;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.mlpvision.datasets.loader.HostBatch;
import org.mlpvision.datasets.loader.PrefetchLoader;

/**
 * An evaluation split as the {@link InferenceDriver} reads it: every {@link #pass()} goes over the
 * whole split once, in a fixed order, and yields one function per batch that builds the batch's
 * arrays in the manager it is given (the driver's per-batch scope), so native memory holds one
 * batch at a time however large the split.
 *
 * @param <B> the batch type the predictor and the evaluator take
 */
@FunctionalInterface
public interface EvalData<B> {
  /** A new pass over the split. */
  Iterator<Function<NDManager, B>> pass();

  /** Builds the batch of items {@code [from, to)} in a scope. */
  @FunctionalInterface
  interface RangeLoader<B> {
    /** Items {@code from} (inclusive) to {@code to} (exclusive), arrays in {@code scope}. */
    B load(int from, int to, NDManager scope);
  }

  /**
   * {@code count} items in order, {@code batchSize} at a time (the last batch may be smaller), for
   * splits held in memory.
   */
  static <B> EvalData<B> ofRanges(int count, int batchSize, RangeLoader<B> loader) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
    return () ->
        new Iterator<>() {
          private int from;

          @Override
          public boolean hasNext() {
            return from < count;
          }

          @Override
          public Function<NDManager, B> next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            int start = from;
            int end = Math.min(count, from + batchSize);
            from = end;
            return scope -> loader.load(start, end, scope);
          }
        };
  }

  /**
   * Epoch 0 of a prefetching loader (build it with {@code shuffle=false} and {@code
   * drop_last=false} so that every image is seen once, in order): its workers decode the next
   * batches while the model runs on the current one.
   *
   * @param toDevice moves a collated host batch into the scope as the batch type (for example an
   *     {@code ImageList} of its images and metas)
   */
  static <B> EvalData<B> ofLoader(
      PrefetchLoader loader, BiFunction<HostBatch, NDManager, B> toDevice) {
    return () -> {
      Iterator<HostBatch> epoch = loader.epoch(0);
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return epoch.hasNext();
        }

        @Override
        public Function<NDManager, B> next() {
          HostBatch host = epoch.next();
          return scope -> toDevice.apply(host, scope);
        }
      };
    };
  }
}
