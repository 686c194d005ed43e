package org.mlpvision.core.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlpvision.core.ops.Scalars;
import org.mlpvision.core.random.Seeds;

/**
 * One optimizer step (detectron2's {@code run_step}): the engine RNG re-seeded from (seed,
 * iteration), the micro-batches' forward and backward passes (gradient accumulation, data-parallel
 * parts weighted by their share of the images), gradient reduction, global-norm clipping and the
 * AdamW update with the scheduled learning rate.
 *
 * @param <B> the task's batch type
 */
final class TrainStep<B> {
  /** The stream of the engine's RNG (dropout, drop path), distinct from the task's. */
  static final long ENGINE_STREAM = 1;

  private final TrainTask<B> task;
  private final Block model;
  private final TrainConfig config;
  private final DataParallel parallel;
  private final AdamW adamw;
  private final LrSchedule schedule;
  private final long seed;
  private final Map<String, String> names = new HashMap<>();
  private final Map<String, Parameter> byId = new HashMap<>();

  TrainStep(TrainTask<B> task, TrainConfig config, DataParallel parallel, AdamW adamw, long seed) {
    this.task = task;
    this.model = task.model();
    this.config = config;
    this.parallel = parallel;
    this.adamw = adamw;
    this.seed = seed;
    this.schedule = new LrSchedule(config.schedule(), config.optimizer().lr(), config.maxIters());
    for (Pair<String, Parameter> p : model.getParameters()) {
      names.put(p.getValue().getId(), p.getKey());
      byId.put(p.getValue().getId(), p.getValue());
    }
  }

  /**
   * Runs the step of index {@code it} with every temporary in {@code scope}.
   *
   * @throws NonFiniteLossException when a loss term or the gradient norm is not finite; the weights
   *     are then left as they were
   */
  StepResult run(long it, NDManager scope) {
    double lr = schedule.at(it);
    Engine.getInstance().setRandomSeed(Seeds.mixInt(seed, ENGINE_STREAM, it));
    Map<String, Double> terms = new LinkedHashMap<>();
    Map<String, Double> scalars = new LinkedHashMap<>();
    int images = forwardBackward(scope, it, terms, scalars);
    Map<String, NDArray> grads = parallel.reduceGradients(scope);
    double gradNorm = GradientClipping.clip(grads.values(), config.clipGradNorm());
    if (!Double.isFinite(gradNorm)) {
      throw new NonFiniteLossException(it, "grad_norm", gradNorm, firstNonFinite(grads));
    }
    for (Map.Entry<String, NDArray> g : grads.entrySet()) {
      Parameter p = byId.get(g.getKey());
      adamw.update(names.get(g.getKey()), p.getArray(), g.getValue(), lr);
    }
    parallel.finishStep();
    return new StepResult(it + 1, lr, terms, scalars, gradNorm, images);
  }

  /** The micro-batches of step {@code it}; returns the number of images. */
  private int forwardBackward(
      NDManager scope, long it, Map<String, Double> terms, Map<String, Double> scalars) {
    int images = 0;
    int acc = config.accumulate();
    for (int k = 0; k < acc; k++) {
      B batch = task.batch(it * acc + k, scope);
      int size = task.size(batch);
      images += size;
      List<B> parts = task.split(batch, parallel.devices());
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        for (int part = 0; part < parts.size(); part++) {
          B b = parts.get(part);
          LoopStepContext step = new LoopStepContext(seed, it, k, part);
          LossTerms losses = task.losses(model, parallel.store(), b, step);
          // Each part's mean loss is weighted by its share of the step's images.
          double weight = (double) task.size(b) / size / acc;
          for (Map.Entry<String, NDArray> t : losses.terms().entrySet()) {
            double v = t.getValue().getFloat();
            if (!Double.isFinite(v)) {
              throw new NonFiniteLossException(it, t.getKey(), v);
            }
            terms.merge(t.getKey(), v * weight, Double::sum);
          }
          step.scalars().forEach((name, v) -> scalars.merge(name, v * weight, Double::sum));
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

  private String firstNonFinite(Map<String, NDArray> grads) {
    for (Map.Entry<String, NDArray> g : grads.entrySet()) {
      if (!Double.isFinite(g.getValue().abs().sum().getFloat())) {
        return names.get(g.getKey());
      }
    }
    return "?";
  }
}
