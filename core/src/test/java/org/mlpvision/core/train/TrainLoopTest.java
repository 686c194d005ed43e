package org.mlpvision.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
              .evaluation((store, scope, it) -> Map.of("acc", task.accuracy(store, scope)))
              .resolvedConfig(
                  com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                      .objectNode()
                      .put("k", 1))
              .build()
              .run(StartMode.FRESH);
      assertThat(r.iterations()).isEqualTo(150);
      assertThat(r.validation().get("acc")).isGreaterThan(0.85);
      List<JsonNode> rows = MetricsLog.read(dir.resolve("metrics.jsonl"));
      JsonNode first = rows.get(0);
      assertThat(first.get("iter").asLong()).isEqualTo(5);
      assertThat(first.get("losses").has("loss_cls")).isTrue();
      assertThat(first.has("lr") && first.has("images_per_s") && first.has("rss_mb")).isTrue();
      // Nothing outlives its iteration or an evaluation: as many arrays alive at every line.
      assertThat(
              rows.stream()
                  .filter(row -> row.has("ndarrays"))
                  .map(row -> row.get("ndarrays").asInt())
                  .distinct())
          .hasSize(1);
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
      assertThatThrownBy(() -> loop.run(StartMode.FRESH))
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
      TrainLoop.builder(task, config(20, 5))
          .workDir(dir.resolve("a"))
          .seed(9)
          .build()
          .run(StartMode.FRESH);
      straight = ModelState.save(task.model());
    }
    try (NDManager m = NDManager.newBaseManager()) {
      TinyTask crashing = new TinyTask(m, 9, 8, 0);
      crashing.failAt = 12; // a crash in iteration 12, after the checkpoint of iteration 10
      TrainLoop<TinyTask.Batch> loop =
          TrainLoop.builder(crashing, config(20, 5)).workDir(dir.resolve("b")).seed(9).build();
      assertThatThrownBy(() -> loop.run(StartMode.FRESH)).hasMessageContaining("simulated crash");
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
              .run(StartMode.RESUME);
      assertThat(r.startIteration()).isEqualTo(10);
      assertThat(ModelState.save(resumed.model())).isEqualTo(straight);
    }
    List<JsonNode> rows = MetricsLog.read(dir.resolve("b").resolve("metrics.jsonl"));
    assertThat(rows).extracting(n -> n.get("iter").asLong()).containsExactly(5L, 10L, 15L, 20L);
  }

  /** Records every hook call as "kind@iteration". */
  static final class RecordingHook implements TrainHook {
    final List<String> events = new java.util.ArrayList<>();

    @Override
    public void beforeTrain(TrainState state) {
      events.add("before@" + state.iteration());
    }

    @Override
    public void afterStep(TrainState state) {
      events.add("step@" + state.iteration());
    }

    @Override
    public void afterTrain(TrainState state) {
      events.add((state.failed() ? "failed@" : "after@") + state.iteration());
    }
  }

  /** Each metrics line as "iteration:train" or "iteration:val". */
  static List<String> metricEvents(Path workDir) throws java.io.IOException {
    return MetricsLog.read(workDir.resolve("metrics.jsonl")).stream()
        .map(n -> n.get("iter").asLong() + (n.has("val") ? ":val" : ":train"))
        .toList();
  }

  @Test
  void hooksFireAtTheConfiguredIterationsAndAResumedRunFiresThemIdentically() throws Exception {
    // Log every 3, checkpoint every 4, validate every 5, 12 iterations: all fire at the end too.
    TrainConfig c =
        new TrainConfig(
            12,
            new OptimizerConfig(1e-2, null, null, null, 0.01, null),
            null,
            null,
            null,
            null,
            3,
            4,
            10,
            5);
    Evaluation eval = (store, scope, it) -> Map.of("it", (double) it);
    RecordingHook straight = new RecordingHook();
    try (NDManager m = NDManager.newBaseManager()) {
      TrainLoop.builder(new TinyTask(m, 2, 8, 0), c)
          .workDir(dir.resolve("a"))
          .evaluation(eval)
          .hook(straight)
          .build()
          .run(StartMode.FRESH);
    }
    List<String> steps = new java.util.ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      steps.add("step@" + i);
    }
    assertThat(straight.events).startsWith("before@0").endsWith("after@12");
    assertThat(straight.events.subList(1, 13)).isEqualTo(steps);
    assertThat(metricEvents(dir.resolve("a")))
        .containsExactly("3:train", "5:val", "6:train", "9:train", "10:val", "12:train", "12:val");
    assertThat(new CheckpointStore(TrainLoop.checkpointDir(dir.resolve("a")), 10).list())
        .extracting(p -> p.getFileName().toString())
        .containsExactly("ckpt-00000012.ckpt", "ckpt-00000008.ckpt", "ckpt-00000004.ckpt");

    RecordingHook crashed = new RecordingHook();
    try (NDManager m = NDManager.newBaseManager()) {
      TinyTask task = new TinyTask(m, 2, 8, 0);
      task.failAt = 9; // step 9 fails: iteration 9 was logged, checkpoint 8 is the last
      TrainLoop<TinyTask.Batch> loop =
          TrainLoop.builder(task, c)
              .workDir(dir.resolve("b"))
              .evaluation(eval)
              .hook(crashed)
              .build();
      assertThatThrownBy(() -> loop.run(StartMode.FRESH)).hasMessageContaining("simulated crash");
    }
    assertThat(crashed.events).endsWith("step@9", "failed@9");
    RecordingHook resumed = new RecordingHook();
    try (NDManager m = NDManager.newBaseManager()) {
      TrainLoop.builder(new TinyTask(m, 2, 8, 0), c)
          .workDir(dir.resolve("b"))
          .evaluation(eval)
          .hook(resumed)
          .build()
          .run(StartMode.RESUME);
    }
    assertThat(resumed.events)
        .containsExactly("before@8", "step@9", "step@10", "step@11", "step@12", "after@12");
    assertThat(metricEvents(dir.resolve("b"))).isEqualTo(metricEvents(dir.resolve("a")));
    assertThat(new CheckpointStore(TrainLoop.checkpointDir(dir.resolve("b")), 10).list())
        .extracting(p -> p.getFileName().toString())
        .containsExactly("ckpt-00000012.ckpt", "ckpt-00000008.ckpt", "ckpt-00000004.ckpt");
  }

  @Test
  void accumulatingTwoMicroBatchesEqualsOneStepOnBothOfThem() throws Exception {
    // Task A sees 16 points per step in one batch; task B the same 16 points as two micro-batches
    // of 8 (chunks), accumulated. Different data per micro-batch: ignoring either one fails.
    float[][] weights = new float[2][];
    for (int acc = 1; acc <= 2; acc++) {
      try (NDManager m = NDManager.newBaseManager()) {
        TinyTask task = new TinyTask(m, 4, 16 / acc, 0, 0f);
        task.chunks = 3 - acc;
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
            .run(StartMode.FRESH);
        weights[acc - 1] = flatWeights(task);
      }
    }
    for (int i = 0; i < weights[0].length; i++) {
      assertThat(weights[1][i]).as("weight %d", i).isCloseTo(weights[0][i], within(1e-5f));
    }
  }

  static float[] flatWeights(TinyTask task) {
    List<Float> all = new java.util.ArrayList<>();
    for (var p : task.model().getParameters()) {
      for (float v : p.getValue().getArray().toFloatArray()) {
        all.add(v);
      }
    }
    float[] out = new float[all.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = all.get(i);
    }
    return out;
  }
}
