package org.mlpvision.core.train;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs an {@link Evaluation} every {@code every} iterations (0: only at the end) and at the last
 * iteration (detectron2's {@code EvalHook}), in a scope of its own, and writes {@code {"iter": i,
 * "val": {...}}} to {@code metrics.jsonl}.
 */
public final class EvaluationHook implements TrainHook {
  private final Evaluation evaluation;
  private final int every;
  private Map<String, Double> last = Map.of();

  /**
   * @param evaluation what to measure
   * @param every iterations between evaluations ({@code train.validate_every}); 0 evaluates only
   *     after the last iteration
   */
  public EvaluationHook(Evaluation evaluation, int every) {
    if (every < 0) {
      throw new IllegalArgumentException("evaluation period must be >= 0, got " + every);
    }
    this.evaluation = evaluation;
    this.every = every;
  }

  @Override
  public void afterStep(TrainState state) throws IOException {
    if (state.due(every)) {
      evaluate(state);
    }
  }

  private void evaluate(TrainState state) throws IOException {
    long it = state.iteration();
    try (NDManager scope = state.manager().newSubManager()) {
      last =
          Collections.unmodifiableMap(
              new LinkedHashMap<>(evaluation.evaluate(state.store(), scope, it)));
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("evaluation failed at iteration " + it + ": " + e.getMessage(), e);
    }
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("iter", it);
    row.put("val", last);
    state.metrics().write(row);
    state.progress().note("iter " + it + " validation " + last);
  }

  /** The metrics of the last evaluation of this process (empty before the first). */
  public Map<String, Double> lastResults() {
    return last;
  }
}
