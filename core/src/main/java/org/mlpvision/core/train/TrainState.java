package org.mlpvision.core.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The training run as {@link TrainHook}s see it (detectron2's {@code trainer}): where it stands,
 * the model and its parameter store, the work directory and its {@code metrics.jsonl}, and a
 * snapshot of the complete state for checkpoints. One object per {@link TrainLoop#run}; hooks call
 * it from the training thread only.
 */
public final class TrainState {
  /** The complete state of the run as a checkpoint (model, optimizer, seed). */
  @FunctionalInterface
  interface Snapshot {
    Checkpoint take(long iteration, StepResult last) throws IOException;
  }

  private final Block model;
  private final ParameterStore store;
  private final NDManager manager;
  private final Path workDir;
  private final MetricsLog metrics;
  private final TrainProgress progress;
  private final Snapshot snapshot;
  private final long start;
  private final long maxIters;
  private long iteration;
  private StepResult last;
  private boolean failed;

  TrainState(
      Block model,
      ParameterStore store,
      NDManager manager,
      Path workDir,
      MetricsLog metrics,
      TrainProgress progress,
      Snapshot snapshot,
      long start,
      long maxIters) {
    this.model = model;
    this.store = store;
    this.manager = manager;
    this.workDir = workDir;
    this.metrics = metrics;
    this.progress = progress;
    this.snapshot = snapshot;
    this.start = start;
    this.maxIters = maxIters;
    this.iteration = start;
  }

  /** Completed optimizer steps, including those before a resume. */
  public long iteration() {
    return iteration;
  }

  /** Where this process started: 0, or the resumed checkpoint's iteration. */
  public long startIteration() {
    return start;
  }

  /** The run's length. */
  public long maxIters() {
    return maxIters;
  }

  /** Whether the run has completed all its iterations. */
  public boolean finished() {
    return iteration >= maxIters;
  }

  /**
   * Whether a hook with period {@code every} fires now: at multiples of {@code every} and at the
   * last iteration; never for {@code every <= 0} except at the end.
   */
  public boolean due(int every) {
    return (every > 0 && iteration % every == 0) || iteration == maxIters;
  }

  /** The last step of this process, or null before the first one. */
  public StepResult lastStep() {
    return last;
  }

  /** Whether a step or a hook failed (meaningful in {@link TrainHook#afterTrain}). */
  public boolean failed() {
    return failed;
  }

  /** The model, its parameters on the first training device. */
  public Block model() {
    return model;
  }

  /** The parameter store blocks read their values from; forward with it. */
  public ParameterStore store() {
    return store;
  }

  /** The run's long-lived manager: open sub-managers of it for scoped work. */
  public NDManager manager() {
    return manager;
  }

  /** The work directory. */
  public Path workDir() {
    return workDir;
  }

  /** The run's {@code metrics.jsonl}. */
  public MetricsLog metrics() {
    return metrics;
  }

  /** The console display (notes show between progress-bar updates). */
  public TrainProgress progress() {
    return progress;
  }

  /** The complete state of the run now, ready to be written as a checkpoint. */
  public Checkpoint snapshot() throws IOException {
    return snapshot.take(iteration, last);
  }

  void advance(StepResult step) {
    this.last = step;
    this.iteration = step.iteration();
  }

  void markFailed() {
    this.failed = true;
  }
}
