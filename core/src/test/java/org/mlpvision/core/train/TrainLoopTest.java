package org.mlpvision.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainLoopTest {
  @TempDir Path dir;

  static TrainConfig config(int iters, int checkpointEvery) {
    return new TrainConfig(
        iters,
        new OptimizerConfig(1e-2, null, null, null, 0.01, null),
        new ScheduleConfig("cosine", 5, null, null, null, null, null),
        5.0,
        null,
        null,
        5,
        checkpointEvery,
        2,
        null);
  }

  @Test
  void trainsTheTinyTaskAndWritesTheWorkDirectory() throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      TinyTask task = new TinyTask(m, 3, 32, 0);
      TrainResult r =
          TrainLoop.builder(task, config(150, 50))
              .workDir(dir)
              .seed(3)
              .validation((model, store, scope, it) -> Map.of("acc", task.accuracy(store, scope)))
              .resolvedConfig(
                  com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                      .objectNode()
                      .put("k", 1))
              .build()
              .run(false);
      assertThat(r.iterations()).isEqualTo(150);
      assertThat(r.validation().get("acc")).isGreaterThan(0.85);
      List<JsonNode> rows = MetricsLog.read(dir.resolve("metrics.jsonl"));
      JsonNode first = rows.get(0);
      assertThat(first.get("iter").asLong()).isEqualTo(5);
      assertThat(first.get("losses").has("loss_cls")).isTrue();
      assertThat(first.has("lr") && first.has("images_per_s") && first.has("rss_mb")).isTrue();
      assertThat(rows.get(rows.size() - 2).get("loss").asDouble())
          .isLessThan(first.get("loss").asDouble());
      assertThat(rows.get(rows.size() - 1).get("val").get("acc").asDouble()).isGreaterThan(0.85);
      assertThat(Files.size(dir.resolve("curves.png"))).isGreaterThan(1000);
      assertThat(Files.readString(dir.resolve("config.json"))).contains("\"k\"");
      assertThat(new CheckpointStore(TrainLoop.checkpointDir(dir), 2).list()).hasSize(2);
    }
  }

  @Test
  void nanLossStopsNamingIterationAndTermAndKeepsTheLastGoodCheckpoint() throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      TinyTask task = new TinyTask(m, 5, 16, 0);
      task.nanAt = 12;
      TrainLoop<TinyTask.Batch> loop =
          TrainLoop.builder(task, config(40, 10)).workDir(dir).seed(5).build();
      assertThatThrownBy(() -> loop.run(false))
          .isInstanceOf(NonFiniteLossException.class)
          .hasMessageContaining("iteration 12")
          .hasMessageContaining("'loss_cls'");
      CheckpointStore store = new CheckpointStore(TrainLoop.checkpointDir(dir), 2);
      Checkpoint last = store.latest().orElseThrow();
      assertThat(last.iteration()).isEqualTo(10);
      // The bad gradient never reached the weights.
      assertThat(
              task.model().getParameters().get(0).getValue().getArray().isNaN().any().getBoolean())
          .isFalse();
    }
  }

  @Test
  void resumingInProcessEndsWithTheSameWeightsAsOneRun() throws Exception {
    byte[] straight;
    try (NDManager m = NDManager.newBaseManager()) {
      TinyTask task = new TinyTask(m, 9, 8, 0);
      TrainLoop.builder(task, config(20, 5)).workDir(dir.resolve("a")).seed(9).build().run(false);
      straight = ModelState.save(task.model());
    }
    try (NDManager m = NDManager.newBaseManager()) {
      TinyTask crashing = new TinyTask(m, 9, 8, 0);
      crashing.failAt = 12; // a crash in iteration 12, after the checkpoint of iteration 10
      TrainLoop<TinyTask.Batch> loop =
          TrainLoop.builder(crashing, config(20, 5)).workDir(dir.resolve("b")).seed(9).build();
      assertThatThrownBy(() -> loop.run(false)).hasMessageContaining("simulated crash");
    }
    try (NDManager m = NDManager.newBaseManager()) {
      TinyTask resumed = new TinyTask(m, 9, 8, 0);
      // Different starting weights: the checkpoint must overwrite them.
      resumed.model().getParameters().forEach(p -> p.getValue().getArray().muli(0.5f));
      TrainResult r =
          TrainLoop.builder(resumed, config(20, 5))
              .workDir(dir.resolve("b"))
              .seed(9)
              .build()
              .run(true);
      assertThat(r.startIteration()).isEqualTo(10);
      assertThat(ModelState.save(resumed.model())).isEqualTo(straight);
    }
    List<JsonNode> rows = MetricsLog.read(dir.resolve("b").resolve("metrics.jsonl"));
    assertThat(rows).extracting(n -> n.get("iter").asLong()).containsExactly(5L, 10L, 15L, 20L);
  }

  @Test
  void accumulatingTwoHalfWeightedMicroBatchesEqualsOneStepOnTheirSum() throws Exception {
    byte[][] weights = new byte[2][];
    for (int acc = 1; acc <= 2; acc++) {
      try (NDManager m = NDManager.newBaseManager()) {
        TinyTask task = new TinyTask(m, 4, 8, 0, 0f);
        task.sameData = true; // both micro-batches hold the same 8 samples
        TrainConfig c = config(3, 10);
        TrainConfig accumulated =
            new TrainConfig(
                c.maxIters(),
                c.optimizer(),
                c.schedule(),
                c.clipGradNorm(),
                acc,
                null,
                5,
                10,
                1,
                null);
        TrainLoop.builder(task, accumulated)
            .workDir(dir.resolve("acc" + acc))
            .seed(4)
            .build()
            .run(false);
        weights[acc - 1] = ModelState.save(task.model());
      }
    }
    assertThat(weights[1]).isEqualTo(weights[0]);
  }
}
