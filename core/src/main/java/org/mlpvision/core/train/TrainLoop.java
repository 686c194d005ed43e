package org.mlpvision.core.train;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlpvision.core.config.ConfigLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop shared by every task (detectron2's {@code TrainerBase}): per iteration one
 * scoped NDManager and one {@link TrainStep} (forward, losses, backward with gradient accumulation
 * and data parallelism, clipping, AdamW), and around the steps the {@link TrainHook}s: {@link
 * MetricsHook} ({@code train.log_every}), {@link CheckpointHook} ({@code train.checkpoint_every}),
 * {@link EvaluationHook} ({@code train.validate_every}, when an {@link Evaluation} is given), the
 * caller's own hooks, then {@link CurvePlotHook}.
 *
 * <p>Everything random in iteration {@code i} is derived from {@code (seed, i)}: the task's batch
 * {@code i}, the engine's RNG re-seeded at the start of each iteration (dropout, drop path), and
 * the {@link StepContext#random()} of each micro-batch. A checkpoint therefore holds the complete
 * state, and a resumed run on CPU ends with exactly the weights of an uninterrupted one.
 *
 * <p>The work directory ({@link WorkDir}) holds one run and receives {@code config.json}, {@code
 * metrics.jsonl}, {@code checkpoints/} and {@code curves.png}; {@link StartMode} says whether a run
 * starts fresh, resumes from the newest good checkpoint of the directory's run, or replaces it.
 *
 * @param <B> the task's batch type
 */
public final class TrainLoop<B> {
  private static final Logger LOG = LoggerFactory.getLogger(TrainLoop.class);

  private final TrainTask<B> task;
  private final TrainConfig config;
  private final Path workDir;
  private final List<Device> devices;
  private final long seed;
  private final JsonNode resolvedConfig;
  private final Evaluation evaluation;
  private final List<TrainHook> extraHooks;
  private final TrainProgress progress;

  private TrainLoop(Builder<B> b) {
    this.task = b.task;
    this.config = b.config;
    this.workDir = b.workDir;
    this.devices = b.devices;
    this.seed = b.seed;
    this.resolvedConfig = b.resolvedConfig;
    this.evaluation = b.evaluation;
    this.extraHooks = List.copyOf(b.hooks);
    this.progress = b.progress;
  }

  /** Starts a loop for {@code task} with {@code config}. */
  public static <B> Builder<B> builder(TrainTask<B> task, TrainConfig config) {
    return new Builder<>(task, config);
  }

  /** The checkpoint folder of a work directory. */
  public static Path checkpointDir(Path workDir) {
    return workDir.resolve(WorkDir.CHECKPOINTS);
  }

  /**
   * Trains until {@code train.max_iters}.
   *
   * @param mode a new run in an empty work directory, a resume of its run from the newest good
   *     checkpoint (reported in the result and the log, with every newer file passed over and why),
   *     or a new run replacing the previous one
   * @throws IOException when the work directory does not allow {@code mode} (a fresh run in a used
   *     directory; a resume where checkpoints exist but none of the run reads back)
   * @throws NonFiniteLossException when a loss term (or the gradient norm) stops being finite
   */
  public TrainResult run(StartMode mode) throws IOException {
    WorkDir work = WorkDir.prepare(workDir, mode);
    CheckpointStore.Lookup resumed =
        mode == StartMode.RESUME
            ? findResumePoint(work)
            : new CheckpointStore.Lookup(null, null, List.of());
    if (resolvedConfig != null) {
      Files.writeString(
          work.config(), ConfigLoader.mapper().writeValueAsString(resolvedConfig) + "\n");
    }
    Block model = task.model();
    if (config.batchNormMode() != BatchNormMode.TRAIN) {
      NormModes.apply(model, config.batchNormMode());
    }
    CheckpointStore checkpoints =
        new CheckpointStore(work.checkpoints(), config.keepCheckpoints(), work.runId());
    checkpoints.removeTemporaries();
    try (NDManager root = NDManager.newBaseManager(devices.get(0));
        AdamW adamw = new AdamW(config.optimizer(), root)) {
      long start = 0;
      long runSeed = seed;
      Checkpoint c = resumed.checkpoint();
      if (c != null) {
        ModelState.load(model, c.model());
        adamw.load(new DataInputStream(new ByteArrayInputStream(c.optimizer())));
        start = c.iteration();
        runSeed = c.seed();
      }
      DataParallel parallel = new DataParallel(root, devices);
      TrainStep<B> step = new TrainStep<>(task, config, parallel, adamw, runSeed);
      CheckpointHook checkpointHook = new CheckpointHook(checkpoints, config.checkpointEvery());
      EvaluationHook evaluationHook =
          evaluation == null ? null : new EvaluationHook(evaluation, config.validateEvery());
      List<TrainHook> hooks = new ArrayList<>();
      hooks.add(new MetricsHook(config.logEvery()));
      hooks.add(new AllocatorTrimHook(config.logEvery()));
      hooks.add(checkpointHook);
      if (evaluationHook != null) {
        hooks.add(evaluationHook);
      }
      hooks.addAll(extraHooks);
      hooks.add(new CurvePlotHook());
      long t0 = System.nanoTime();
      long s = runSeed;
      String run = work.runId();
      TrainState state;
      try (MetricsLog metrics = new MetricsLog(work.metrics(), start)) {
        state =
            new TrainState(
                model,
                parallel.store(),
                root,
                workDir,
                metrics,
                progress,
                (it, lastStep) -> checkpoint(model, adamw, it, s, run, lastStep),
                start,
                config.maxIters());
        train(state, step, root, hooks);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      return new TrainResult(
          config.maxIters(),
          start,
          seconds,
          lastLoss(state, c),
          evaluationHook == null ? Map.of() : evaluationHook.lastResults(),
          checkpointHook.lastCheckpoint() != null
              ? checkpointHook.lastCheckpoint()
              : resumed.file(),
          resumed.file(),
          resumed.skipped());
    }
  }

  /**
   * The newest good checkpoint of the work directory's run. A directory without a run id (written
   * by an older version) adopts the id of the checkpoint it resumes from.
   *
   * @throws IOException when checkpoints exist but none of the run reads back: starting over would
   *     drop the run's metrics, so that takes {@code --overwrite}
   */
  private static CheckpointStore.Lookup findResumePoint(WorkDir work) throws IOException {
    CheckpointStore.Lookup found =
        new CheckpointStore(work.checkpoints(), 1, work.runId()).lookup();
    for (CheckpointStore.Skipped k : found.skipped()) {
      LOG.warn("resume: skipped {}", k);
    }
    if (!found.found() && !found.skipped().isEmpty()) {
      throw new IOException(
          "cannot resume "
              + work.dir()
              + ": no checkpoint of its run reads back ("
              + found.skipped()
              + "); --overwrite starts a new run in its place");
    }
    if (work.runId() == null) {
      work.adopt(
          found.found() && found.checkpoint().runId() != null
              ? found.checkpoint().runId()
              : WorkDir.newRunId());
    }
    if (found.found()) {
      LOG.info(
          "resuming {} from {} (iteration {})",
          work.dir(),
          found.file(),
          found.checkpoint().iteration());
    }
    return found;
  }

  private static double lastLoss(TrainState state, Checkpoint resumed) {
    if (state.lastStep() != null) {
      return state.lastStep().loss();
    }
    Object loss = resumed == null ? null : resumed.info().get("loss");
    return loss instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  /** The steps and the hooks around them; the first failure wins, later ones are suppressed. */
  private void train(TrainState state, TrainStep<B> step, NDManager root, List<TrainHook> hooks)
      throws IOException {
    Throwable failure = null;
    progress.start(state.startIteration(), state.maxIters());
    try {
      for (TrainHook h : hooks) {
        h.beforeTrain(state);
      }
      for (long it = state.startIteration(); it < state.maxIters(); it++) {
        try (NDManager scope = root.newSubManager()) {
          state.advance(step.run(it, scope));
        }
        progress.step(state.iteration(), state.lastStep().loss(), state.lastStep().lr());
        for (TrainHook h : hooks) {
          h.afterStep(state);
        }
      }
    } catch (Throwable t) {
      failure = t;
      state.markFailed();
    }
    progress.close();
    for (TrainHook h : hooks) {
      try {
        h.afterTrain(state);
      } catch (Throwable t) {
        if (failure == null) {
          failure = t;
        } else {
          failure.addSuppressed(t);
        }
      }
    }
    rethrow(failure);
  }

  private static void rethrow(Throwable failure) throws IOException {
    if (failure == null) {
      return;
    }
    if (failure instanceof IOException e) {
      throw e;
    }
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    throw new IOException(failure.getMessage(), failure);
  }

  private static Checkpoint checkpoint(
      Block model, AdamW adamw, long done, long seed, String runId, StepResult last)
      throws IOException {
    ByteArrayOutputStream opt = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(opt)) {
      adamw.save(out);
    }
    Map<String, Object> info = new LinkedHashMap<>();
    if (last != null) {
      info.put("lr", last.lr());
      info.put("loss", last.loss());
    }
    return new Checkpoint(done, seed, runId, info, ModelState.save(model), opt.toByteArray());
  }

  /** Options of a {@link TrainLoop}. */
  public static final class Builder<B> {
    private final TrainTask<B> task;
    private final TrainConfig config;
    private Path workDir = Path.of("work_dirs", "run");
    private List<Device> devices = List.of(Device.cpu());
    private long seed = 42;
    private JsonNode resolvedConfig;
    private Evaluation evaluation;
    private final List<TrainHook> hooks = new ArrayList<>();
    private TrainProgress progress = TrainProgress.silent();

    private Builder(TrainTask<B> task, TrainConfig config) {
      this.task = task;
      this.config = config;
    }

    /** Where config, metrics, checkpoints and the plot go. */
    public Builder<B> workDir(Path dir) {
      this.workDir = dir;
      return this;
    }

    /** Training devices; several GPUs train data parallel with gradients reduced to the first. */
    public Builder<B> devices(List<Device> devices) {
      if (devices.isEmpty()) {
        throw new IllegalArgumentException("at least one device is needed");
      }
      this.devices = List.copyOf(devices);
      return this;
    }

    /** The run's seed (engine RNG and step random per iteration). */
    public Builder<B> seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The resolved configuration to store as {@code config.json}. */
    public Builder<B> resolvedConfig(JsonNode config) {
      this.resolvedConfig = config;
      return this;
    }

    /** An evaluation every {@code train.validate_every} iterations and at the end. */
    public Builder<B> evaluation(Evaluation evaluation) {
      this.evaluation = evaluation;
      return this;
    }

    /** Adds a hook after the standard ones (before the curve plot). */
    public Builder<B> hook(TrainHook hook) {
      this.hooks.add(hook);
      return this;
    }

    /** The console display (default: silent). */
    public Builder<B> progress(TrainProgress progress) {
      this.progress = progress;
      return this;
    }

    /** The loop. */
    public TrainLoop<B> build() {
      return new TrainLoop<>(this);
    }
  }
}
