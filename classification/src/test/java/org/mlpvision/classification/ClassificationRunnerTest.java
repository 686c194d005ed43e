package org.mlpvision.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.backbone.Classifier;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.core.train.BatchNormMode;
import org.mlpvision.core.train.Checkpoint;
import org.mlpvision.core.train.CheckpointStore;
import org.mlpvision.core.train.ModelState;
import org.mlpvision.core.train.RunOptions;
import org.mlpvision.core.train.TrainResult;
import org.mlpvision.core.weights.StateDict;
import org.mlpvision.core.weights.WeightLoader;

class ClassificationRunnerTest {
  @TempDir Path dir;

  private static String recipe(int iters, double lr, String pretrained) {
    return """
        {"task": "classification",
         "runtime": {"device": "cpu", "seed": 3},
         "model": {"type": "hire_mlp", "depths": [1, 1, 1, 1], "embed_dims": [8, 16, 16, 16],
                   "drop_path": 0.1},
         "data": {"image_size": 32, "train_size": 64, "val_size": 40, "seed": 2, "batch_size": 8},
         "train": {"max_iters": %d, "optimizer": {"lr": %s,
                   "param_groups": [{"pattern": "norm", "decay_mult": 0.0}]},
                   "schedule": {"policy": "cosine", "warmup_iters": 2},
                   "log_every": 2, "checkpoint_every": 4}%s}
        """
        .formatted(iters, lr, pretrained == null ? "" : ", \"pretrained\": \"" + pretrained + "\"");
  }

  @Test
  void trainsThenTestReportsTheSameTop1AsTheFinalValidation() throws Exception {
    ConfigSource src = ConfigSource.of("t.json", recipe(8, 2e-3, null));
    ClassificationRunner runner = new ClassificationRunner();
    Path work = dir.resolve("run");
    TrainResult r = runner.train(src, new RunOptions(work, false, null, null, false));
    assertThat(r.iterations()).isEqualTo(8);
    assertThat(r.validation()).containsKey("top1");
    assertThat(Files.readString(work.resolve("metrics.jsonl"))).contains("loss_cls");
    Map<String, Double> test = runner.test(src, r.lastCheckpoint(), null);
    assertThat(test.get("top1")).isEqualTo(r.validation().get("top1"));
    assertThat(test.get("images")).isEqualTo(40.0);
    assertThat(test.get("iteration")).isEqualTo(8.0);
  }

  @Test
  void fineTuningStartsFromImportedWeights() throws Exception {
    // Source weights: a model trained briefly, exported as a state dict.
    ConfigSource first = ConfigSource.of("t.json", recipe(4, 2e-3, null));
    ClassificationRunner runner = new ClassificationRunner();
    TrainResult r = runner.train(first, new RunOptions(dir.resolve("a"), false, null, null, false));
    Checkpoint trained = CheckpointStore.read(r.lastCheckpoint());
    Path weights = dir.resolve("w.safetensors");
    try (NDManager m = NDManager.newBaseManager()) {
      Classifier net = ClassificationRecipe.from(first).model().classifier();
      net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      ModelState.load(net, trained.model());
      WeightLoader.stateDict(net).writeSafetensors(weights);
    }
    // lr 0: the fine-tuning run must end exactly on the imported weights.
    ConfigSource tune = ConfigSource.of("t.json", recipe(1, 0.0, weights.toString()));
    TrainResult tuned =
        runner.train(tune, new RunOptions(dir.resolve("b"), false, null, null, false));
    byte[] after = CheckpointStore.read(tuned.lastCheckpoint()).model();
    try (NDManager m = NDManager.newBaseManager()) {
      Classifier a = ClassificationRecipe.from(first).model().classifier();
      a.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      ModelState.load(a, trained.model());
      Classifier b = ClassificationRecipe.from(first).model().classifier();
      b.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      ModelState.load(b, after);
      for (int i = 0; i < a.getParameters().size(); i++) {
        Parameter pa = a.getParameters().get(i).getValue();
        Parameter pb = b.getParameters().get(i).getValue();
        if (pa.requiresGradient()) { // BatchNorm running statistics move in the training forward
          assertThat(pb.getArray().toFloatArray())
              .as(a.getParameters().get(i).getKey())
              .containsExactly(pa.getArray().toFloatArray());
        }
      }
    }
  }

  @Test
  void aPartialPretrainedLoadPrintsItsReportAndAForeignOneFails() throws Exception {
    ConfigSource first = ConfigSource.of("t.json", recipe(1, 0.0, null));
    Path headless = dir.resolve("headless.safetensors");
    Path foreign = dir.resolve("foreign.safetensors");
    try (NDManager m = NDManager.newBaseManager()) {
      Classifier net = ClassificationRecipe.from(first).model().classifier();
      net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      Map<String, NDArray> backbone = new LinkedHashMap<>();
      Map<String, NDArray> renamed = new LinkedHashMap<>();
      WeightLoader.stateDict(net)
          .tensors()
          .forEach(
              (k, v) -> {
                if (!k.startsWith("head.")) {
                  backbone.put(k, v);
                }
                renamed.put("model." + k, v);
              });
      new StateDict(backbone).writeSafetensors(headless);
      new StateDict(renamed).writeSafetensors(foreign);
    }
    ClassificationRunner runner = new ClassificationRunner();
    PrintStream old = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      runner.train(
          ConfigSource.of("t.json", recipe(1, 0.0, headless.toString())),
          new RunOptions(dir.resolve("h"), false, null, null, false));
    } finally {
      System.setErr(old);
    }
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("pretrained " + headless)
        .contains("missing (2): [head.weight, head.bias]");
    assertThatThrownBy(
            () ->
                runner.train(
                    ConfigSource.of("t.json", recipe(1, 0.0, foreign.toString())),
                    new RunOptions(dir.resolve("f"), false, null, null, false)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(foreign.toString())
        .hasMessageContaining("fill 0 of");
  }

  @Test
  void frozenModeFreezesEveryBackboneBatchNorm() {
    ConfigSource src = ConfigSource.of("t.json", recipe(1, 1e-3, null));
    try (NDManager m = NDManager.newBaseManager()) {
      Classifier net = ClassificationRecipe.from(src).model().classifier();
      net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      int n = BackboneNorms.apply(net, BatchNormMode.FROZEN);
      assertThat(n).isGreaterThan(4);
      assertThat(net.getParameters().keys())
          .filteredOn(k -> k.endsWith("norm_weight") || k.endsWith("norm_bias"))
          .isNotEmpty();
      net.getParameters()
          .forEach(
              p -> {
                if (p.getValue().getType() == Parameter.Type.GAMMA) {
                  assertThat(p.getValue().requiresGradient()).as(p.getKey()).isFalse();
                }
              });
      BackboneNorms.apply(net, BatchNormMode.TRAIN);
      assertThat(
              net.getParameters().values().stream()
                  .filter(p -> p.getType() == Parameter.Type.GAMMA)
                  .allMatch(Parameter::requiresGradient))
          .isTrue();
    }
  }

  @Test
  void resumedHireMlpRunWithDropPathEndsWithTheWeightsOfAStraightRun() throws Exception {
    ClassificationRunner runner = new ClassificationRunner();
    ConfigSource src = ConfigSource.of("t.json", recipe(8, 2e-3, null));
    TrainResult straight =
        runner.train(src, new RunOptions(dir.resolve("straight"), false, null, null, false));
    Path split = dir.resolve("split");
    // First half: the same recipe stopped at 4 iterations by --max-iters would change the
    // schedule, so run the full recipe and cut it like a crash by deleting the later checkpoint.
    runner.train(src, new RunOptions(split, false, null, null, false));
    CheckpointStore store = new CheckpointStore(split.resolve("checkpoints"), 3);
    Files.delete(split.resolve("checkpoints").resolve("ckpt-00000008.ckpt"));
    assertThat(store.latest().orElseThrow().iteration()).isEqualTo(4);
    TrainResult resumed = runner.train(src, new RunOptions(split, true, null, null, false));
    assertThat(resumed.startIteration()).isEqualTo(4);
    assertThat(CheckpointStore.read(resumed.lastCheckpoint()).model())
        .isEqualTo(CheckpointStore.read(straight.lastCheckpoint()).model());
    assertThat(CheckpointStore.read(resumed.lastCheckpoint()).optimizer())
        .isEqualTo(CheckpointStore.read(straight.lastCheckpoint()).optimizer());
  }
}
