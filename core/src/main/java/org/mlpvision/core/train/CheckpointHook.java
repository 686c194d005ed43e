package org.mlpvision.core.train;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a checkpoint of the complete run state every {@code every} iterations and at the last one
 * (detectron2's {@code PeriodicCheckpointer}), through a {@link CheckpointStore} that writes
 * atomically and prunes old files. Nothing is written after a failed step: the newest checkpoint
 * stays the last good state.
 */
public final class CheckpointHook implements TrainHook {
  private final CheckpointStore store;
  private final int every;
  private Path last;

  /**
   * @param store the run's checkpoint folder
   * @param every iterations between checkpoints ({@code train.checkpoint_every})
   */
  public CheckpointHook(CheckpointStore store, int every) {
    if (every < 1) {
      throw new IllegalArgumentException("checkpoint period must be >= 1, got " + every);
    }
    this.store = store;
    this.every = every;
  }

  @Override
  public void beforeTrain(TrainState state) throws IOException {
    last = store.list().stream().findFirst().orElse(null);
  }

  @Override
  public void afterStep(TrainState state) throws IOException {
    if (state.due(every)) {
      last = store.write(state.snapshot());
    }
  }

  /** The newest checkpoint written (or found, before the first write), or null. */
  public Path lastCheckpoint() {
    return last;
  }
}
