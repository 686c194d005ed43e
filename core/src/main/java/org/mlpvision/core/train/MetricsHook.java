package org.mlpvision.core.train;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mlpvision.core.memory.LiveArrays;
import org.mlpvision.core.memory.ProcessMemory;

/**
 * Writes a training line to {@code metrics.jsonl} every {@code every} iterations and at the last
 * one (detectron2's {@code PeriodicWriter}): {@code iter}, the total {@code loss}, each term under
 * {@code losses}, the task's extra {@code scalars} (when it recorded any), {@code lr}, {@code
 * grad_norm}, {@code time} since this process started training, {@code images_per_s}, the process
 * {@code rss_mb} and {@code ndarrays}, the NDArrays alive between steps ({@link LiveArrays}:
 * weights, optimizer state and anything a component keeps; a count that grows is a leak, where the
 * RSS also moves with the allocator and the garbage collector). Losses and scalars are means over
 * the steps since the previous line of this process (smoother curves); the other values are the
 * last step's.
 */
public final class MetricsHook implements TrainHook {
  private final int every;
  private final Map<String, Double> lossSums = new LinkedHashMap<>();
  private final Map<String, double[]> scalarSums = new LinkedHashMap<>();
  private long t0;
  private long windowStart;
  private long windowImages;
  private int windowSteps;

  /**
   * @param every iterations between lines ({@code train.log_every})
   */
  public MetricsHook(int every) {
    if (every < 1) {
      throw new IllegalArgumentException("log period must be >= 1, got " + every);
    }
    this.every = every;
  }

  @Override
  public void beforeTrain(TrainState state) {
    t0 = System.nanoTime();
    windowStart = t0;
  }

  @Override
  public void afterStep(TrainState state) throws IOException {
    StepResult step = state.lastStep();
    windowImages += step.images();
    windowSteps++;
    step.losses().forEach((k, v) -> lossSums.merge(k, v, Double::sum));
    step.scalars()
        .forEach(
            (k, v) -> {
              double[] sc = scalarSums.computeIfAbsent(k, x -> new double[2]);
              sc[0] += v;
              sc[1]++;
            });
    if (!state.due(every)) {
      return;
    }
    long now = System.nanoTime();
    double ips = windowImages / Math.max(1e-9, (now - windowStart) / 1e9);
    state.progress().speed(ips);
    Map<String, Double> means = new LinkedHashMap<>();
    lossSums.forEach((k, v) -> means.put(k, v / windowSteps));
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("iter", state.iteration());
    row.put("loss", means.values().stream().mapToDouble(Double::doubleValue).sum());
    row.put("losses", means);
    if (!scalarSums.isEmpty()) {
      Map<String, Double> scalars = new LinkedHashMap<>();
      scalarSums.forEach((k, sc) -> scalars.put(k, sc[0] / sc[1]));
      row.put("scalars", scalars);
    }
    row.put("lr", step.lr());
    row.put("grad_norm", step.gradNorm());
    row.put("time", (now - t0) / 1e9);
    row.put("images_per_s", ips);
    row.put("rss_mb", ProcessMemory.rssBytes() / (1024.0 * 1024.0));
    row.put("ndarrays", LiveArrays.count());
    state.metrics().write(row);
    windowStart = now;
    windowImages = 0;
    windowSteps = 0;
    lossSums.clear();
    scalarSums.clear();
  }
}
