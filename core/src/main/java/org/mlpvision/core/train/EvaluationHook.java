package org.mlpvision.core.train;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs an {@link Evaluation} every {@code every} iterations (0: only at the end) and at the last
 * iteration (detectron2's {@code EvalHook}), in a scope of its own, and writes {@code {"iter": i,
 * "val": {...}}} to {@code metrics.jsonl}. It runs after the checkpoint of the same iteration, so a
 * resumed run re-runs an evaluation that a crash interrupted.
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

  /**
   * On a resumed run, takes over the last evaluation logged up to the start, and runs the one due
   * at the start iteration when it never completed (a kill between that iteration's checkpoint and
   * the end of its evaluation), so no evaluation row is ever missing.
   */
  @Override
  public void beforeTrain(TrainState state) throws IOException {
    long start = state.iteration();
    if (start == 0) {
      return;
    }
    JsonNode lastRow = null;
    for (JsonNode row : MetricsLog.read(state.metrics().file())) {
      if (row.has("val") && row.path("iter").asLong() <= start) {
        lastRow = row;
      }
    }
    if (state.due(every) && (lastRow == null || lastRow.path("iter").asLong() != start)) {
      evaluate(state);
    } else if (lastRow != null) {
      Map<String, Double> values = new LinkedHashMap<>();
      lastRow
          .get("val")
          .fields()
          .forEachRemaining(e -> values.put(e.getKey(), e.getValue().asDouble()));
      last = Collections.unmodifiableMap(values);
    }
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
