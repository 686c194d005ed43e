package org.mlpvision.core.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mlpvision.core.config.ConfigLoader;
import org.mlpvision.core.memory.ProcessMemory;
import org.mlpvision.core.ops.Scalars;

/**
 * The training loop shared by every task: per iteration one scoped NDManager, forward, losses,
 * backward (with gradient accumulation and data parallelism), global-norm clipping, an AdamW step
 * with the scheduled learning rate, logging, validation and atomic checkpoints.
 *
 * <p>Everything random in iteration {@code i} is derived from {@code (seed, i)}: the task's batch
 * {@code i} and the engine's RNG, re-seeded at the start of each iteration (dropout, drop-path). A
 * checkpoint therefore holds the complete state, and a resumed run on CPU ends with exactly the
 * weights of an uninterrupted one.
 *
 * <p>The work directory receives {@code config.json}, {@code metrics.jsonl}, {@code checkpoints/}
 * and {@code curves.png}.
 *
 * @param <B> the task's batch type
 */
public final class TrainLoop<B> {
  private final TrainTask<B> task;
  private final TrainConfig config;
  private final Path workDir;
  private final List<Device> devices;
  private final long seed;
  private final JsonNode resolvedConfig;
  private final ValidationHook validation;
  private final TrainProgress progress;

  private TrainLoop(Builder<B> b) {
    this.task = b.task;
    this.config = b.config;
    this.workDir = b.workDir;
    this.devices = b.devices;
    this.seed = b.seed;
    this.resolvedConfig = b.resolvedConfig;
    this.validation = b.validation;
    this.progress = b.progress;
  }

  /** Starts a loop for {@code task} with {@code config}. */
  public static <B> Builder<B> builder(TrainTask<B> task, TrainConfig config) {
    return new Builder<>(task, config);
  }

  /** The checkpoint folder of a work directory. */
  public static Path checkpointDir(Path workDir) {
    return workDir.resolve("checkpoints");
  }

  /** The engine seed of iteration {@code iter}: a mix of the run's seed and the iteration. */
  public static int iterationSeed(long seed, long iter) {
    long z = seed * 0x9E3779B97F4A7C15L + iter + 0x632BE59BD9B4E019L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    return (int) (z & 0x7FFFFFFF);
  }

  /**
   * Trains until {@code maxIters}.
   *
   * @param resume continue from the newest complete checkpoint in the work directory, if any
   * @throws NonFiniteLossException when a loss term (or the gradient norm) stops being finite
   */
  public TrainResult run(boolean resume) throws IOException {
    Files.createDirectories(workDir);
    if (resolvedConfig != null) {
      Files.writeString(
          workDir.resolve("config.json"),
          ConfigLoader.mapper().writeValueAsString(resolvedConfig) + "\n");
    }
    Block model = task.model();
    if (config.batchNormMode() != BatchNormMode.TRAIN) {
      NormModes.apply(model, config.batchNormMode());
    }
    CheckpointStore checkpoints =
        new CheckpointStore(checkpointDir(workDir), config.keepCheckpoints());
    Engine engine = Engine.getInstance();
    try (NDManager root = NDManager.newBaseManager(devices.get(0));
        AdamW adamw = new AdamW(config.optimizer(), root)) {
      long start = 0;
      long runSeed = seed;
      if (resume) {
        Optional<Checkpoint> last = checkpoints.latest();
        if (last.isPresent()) {
          Checkpoint c = last.get();
          ModelState.load(model, c.model());
          adamw.load(new DataInputStream(new java.io.ByteArrayInputStream(c.optimizer())));
          start = c.iteration();
          runSeed = c.seed();
        }
      }
      DataParallel parallel = new DataParallel(root, devices);
      Map<String, String> names = new HashMap<>();
      Map<String, Parameter> byId = new HashMap<>();
      for (Pair<String, Parameter> p : model.getParameters()) {
        names.put(p.getValue().getId(), p.getKey());
        byId.put(p.getValue().getId(), p.getValue());
      }
      LrSchedule schedule =
          new LrSchedule(config.schedule(), config.optimizer().lr(), config.maxIters());
      long t0 = System.nanoTime();
      long windowStart = t0;
      long windowImages = 0;
      double lastLoss = Double.NaN;
      Map<String, Double> windowTerms = new LinkedHashMap<>();
      int windowIters = 0;
      Map<String, Double> lastVal = Map.of();
      Path lastCkpt = checkpoints.list().stream().findFirst().orElse(null);
      try (MetricsLog metrics = new MetricsLog(workDir.resolve("metrics.jsonl"), start)) {
        progress.start(start, config.maxIters());
        try {
          for (long it = start; it < config.maxIters(); it++) {
            double lr = schedule.at(it);
            Map<String, Double> terms = new LinkedHashMap<>();
            double gradNorm;
            int images = 0;
            try (NDManager scope = root.newSubManager()) {
              engine.setRandomSeed(iterationSeed(runSeed, it));
              images = forwardBackward(model, parallel, scope, it, terms);
              Map<String, NDArray> grads = parallel.reduceGradients(scope);
              gradNorm = GradientClipping.clip(grads.values(), config.clipGradNorm());
              if (!Double.isFinite(gradNorm)) {
                throw new NonFiniteLossException(
                    it, "grad_norm", gradNorm, firstNonFinite(grads, names));
              }
              for (Map.Entry<String, NDArray> g : grads.entrySet()) {
                Parameter p = byId.get(g.getKey());
                adamw.update(names.get(g.getKey()), p.getArray(), g.getValue(), lr);
              }
              parallel.finishStep();
            }
            long done = it + 1;
            lastLoss = terms.values().stream().mapToDouble(Double::doubleValue).sum();
            windowImages += images;
            windowIters++;
            terms.forEach((k, v) -> windowTerms.merge(k, v, Double::sum));
            progress.step(done, lastLoss, lr);
            if (done % config.logEvery() == 0 || done == config.maxIters()) {
              long now = System.nanoTime();
              double ips = windowImages / Math.max(1e-9, (now - windowStart) / 1e9);
              progress.speed(ips);
              // Losses are means over the iterations since the last line: smoother curves.
              Map<String, Double> means = new LinkedHashMap<>();
              int n = windowIters;
              windowTerms.forEach((k, v) -> means.put(k, v / n));
              Map<String, Object> row = new LinkedHashMap<>();
              row.put("iter", done);
              row.put("loss", means.values().stream().mapToDouble(Double::doubleValue).sum());
              row.put("losses", means);
              row.put("lr", lr);
              row.put("grad_norm", gradNorm);
              row.put("time", (now - t0) / 1e9);
              row.put("images_per_s", ips);
              row.put("rss_mb", ProcessMemory.rssBytes() / (1024.0 * 1024.0));
              metrics.write(row);
              windowStart = now;
              windowImages = 0;
              windowIters = 0;
              windowTerms.clear();
            }
            boolean last = done == config.maxIters();
            if (done % config.checkpointEvery() == 0 || last) {
              lastCkpt = checkpoints.write(checkpoint(model, adamw, done, runSeed, lr, lastLoss));
            }
            if (validation != null
                && (last || (config.validateEvery() > 0 && done % config.validateEvery() == 0))) {
              lastVal = validate(model, parallel, root, done);
              Map<String, Object> row = new LinkedHashMap<>();
              row.put("iter", done);
              row.put("val", lastVal);
              metrics.write(row);
              progress.note("iter " + done + " validation " + lastVal);
            }
          }
        } finally {
          progress.close();
          metrics.close();
          CurvePlot.write(metrics.file(), workDir.resolve("curves.png"));
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      return new TrainResult(config.maxIters(), start, seconds, lastLoss, lastVal, lastCkpt);
    }
  }

  /** Runs the micro-batches of iteration {@code it}; returns the number of images. */
  private int forwardBackward(
      Block model, DataParallel parallel, NDManager scope, long it, Map<String, Double> terms) {
    int images = 0;
    int acc = config.accumulate();
    for (int k = 0; k < acc; k++) {
      B batch = task.batch(it * acc + k, scope);
      int size = task.size(batch);
      images += size;
      List<B> parts = task.split(batch, parallel.devices());
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        for (B part : parts) {
          LossTerms losses = task.losses(model, parallel.store(), part);
          // Each part's mean loss is weighted by its share of the step's images.
          double weight = (double) task.size(part) / size / acc;
          for (Map.Entry<String, NDArray> t : losses.terms().entrySet()) {
            double v = t.getValue().getFloat();
            if (!Double.isFinite(v)) {
              throw new NonFiniteLossException(it, t.getKey(), v);
            }
            terms.merge(t.getKey(), v * weight, Double::sum);
          }
          NDArray total = losses.total();
          if (weight != 1.0) {
            // Not total.mul(double): see Scalars (the scalar must outlive the backward pass).
            total = Scalars.mul(total, weight);
          }
          gc.backward(total);
        }
      }
    }
    return images;
  }

  private Map<String, Double> validate(
      Block model, DataParallel parallel, NDManager root, long done) throws IOException {
    try (NDManager scope = root.newSubManager()) {
      return validation.validate(model, parallel.store(), scope, done);
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("validation failed at iteration " + done + ": " + e.getMessage(), e);
    }
  }

  private static String firstNonFinite(Map<String, NDArray> grads, Map<String, String> names) {
    for (Map.Entry<String, NDArray> g : grads.entrySet()) {
      if (!Double.isFinite(g.getValue().abs().sum().getFloat())) {
        return names.get(g.getKey());
      }
    }
    return "?";
  }

  private static Checkpoint checkpoint(
      Block model, AdamW adamw, long done, long seed, double lr, double loss) throws IOException {
    ByteArrayOutputStream opt = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(opt)) {
      adamw.save(out);
    }
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("lr", lr);
    info.put("loss", loss);
    return new Checkpoint(done, seed, info, ModelState.save(model), opt.toByteArray());
  }

  /** Options of a {@link TrainLoop}. */
  public static final class Builder<B> {
    private final TrainTask<B> task;
    private final TrainConfig config;
    private Path workDir = Path.of("work_dirs", "run");
    private List<Device> devices = List.of(Device.cpu());
    private long seed = 42;
    private JsonNode resolvedConfig;
    private ValidationHook validation;
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

    /** The run's seed (engine RNG per iteration). */
    public Builder<B> seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The resolved configuration to store as {@code config.json}. */
    public Builder<B> resolvedConfig(JsonNode config) {
      this.resolvedConfig = config;
      return this;
    }

    /** A validation run every {@code validateEvery} iterations and at the end. */
    public Builder<B> validation(ValidationHook hook) {
      this.validation = hook;
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
