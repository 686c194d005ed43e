package org.mlpvision.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
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
import org.mlpvision.backbone.Backbones;
import org.mlpvision.backbone.Classifier;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.core.inject.Tasks;
import org.mlpvision.core.train.BatchNormMode;
import org.mlpvision.core.train.Checkpoint;
import org.mlpvision.core.train.CheckpointStore;
import org.mlpvision.core.train.ModalNorm;
import org.mlpvision.core.train.ModelState;
import org.mlpvision.core.train.NormModes;
import org.mlpvision.core.train.RunOptions;
import org.mlpvision.core.train.TaskRunner;
import org.mlpvision.core.train.TrainResult;
import org.mlpvision.core.weights.StateDict;
import org.mlpvision.core.weights.WeightLoader;

class ClassificationRunnerTest {
  @TempDir Path dir;

  private static String recipe(int iters, double lr, String pretrained) {
    return recipe(iters, lr, pretrained, "train");
  }

  private static String recipe(int iters, double lr, String pretrained, String batchNorm) {
    return """
        {"task": "classification",
         "runtime": {"device": "cpu", "seed": 3},
         "model": {"type": "hire_mlp", "depths": [1, 1, 1, 1], "embed_dims": [8, 16, 16, 16],
                   "drop_path": 0.1},
         "data": {"image_size": 32, "train_size": 64, "val_size": 40, "seed": 2, "batch_size": 8},
         "train": {"max_iters": %d, "optimizer": {"lr": %s,
                   "param_groups": [{"pattern": "norm", "decay_mult": 0.0}]},
                   "schedule": {"policy": "cosine", "warmup_iters": 2},
                   "log_every": 2, "checkpoint_every": 4, "batch_norm": "%s"}%s}
        """
        .formatted(
            iters,
            lr,
            batchNorm,
            pretrained == null ? "" : ", \"pretrained\": \"" + pretrained + "\"");
  }

  /** The runner of {@code json} through the production Guice graph. */
  private static TaskRunner runner(String json) {
    return Tasks.runner(Tasks.injector(ConfigSource.of("t.json", json)));
  }

  private static Classifier classifier(String json, NDManager m) {
    Classifier net =
        ClassificationRecipe.from(ConfigSource.of("t.json", json), Backbones.standard())
            .model()
            .classifier();
    net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
    return net;
  }

  @Test
  void trainsThenTestReportsTheSameTop1AsTheFinalValidation() throws Exception {
    TaskRunner runner = runner(recipe(8, 2e-3, null));
    Path work = dir.resolve("run");
    TrainResult r = runner.train(new RunOptions(work, false, null, null, false));
    assertThat(r.iterations()).isEqualTo(8);
    assertThat(r.validation()).containsKey("top1");
    assertThat(Files.readString(work.resolve("metrics.jsonl"))).contains("loss_cls");
    Map<String, Double> test = runner.test(r.lastCheckpoint(), null);
    assertThat(test.get("top1")).isEqualTo(r.validation().get("top1"));
    assertThat(test.get("images")).isEqualTo(40.0);
    assertThat(test.get("iteration")).isEqualTo(8.0);
  }

  @Test
  void fineTuningStartsFromImportedWeights() throws Exception {
    // Source weights: a model trained briefly, exported as a state dict.
    String first = recipe(4, 2e-3, null);
    TrainResult r = runner(first).train(new RunOptions(dir.resolve("a"), false, null, null, false));
    Checkpoint trained = CheckpointStore.read(r.lastCheckpoint());
    Path weights = dir.resolve("w.safetensors");
    try (NDManager m = NDManager.newBaseManager()) {
      Classifier net = classifier(first, m);
      ModelState.load(net, trained.model());
      WeightLoader.stateDict(net).writeSafetensors(weights);
    }
    // lr 0: the fine-tuning run must end exactly on the imported weights.
    TrainResult tuned =
        runner(recipe(1, 0.0, weights.toString()))
            .train(new RunOptions(dir.resolve("b"), false, null, null, false));
    byte[] after = CheckpointStore.read(tuned.lastCheckpoint()).model();
    try (NDManager m = NDManager.newBaseManager()) {
      Classifier a = classifier(first, m);
      ModelState.load(a, trained.model());
      Classifier b = classifier(first, m);
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

  /** The parameters of every ModalNorm layer of {@code block}'s tree, by full name. */
  private static Map<String, Parameter> normParameters(Block block, String path) {
    Map<String, Parameter> out = new LinkedHashMap<>();
    if (block instanceof ModalNorm) {
      block.getParameters().forEach(p -> out.put(path + "." + p.getKey(), p.getValue()));
      return out;
    }
    block
        .getChildren()
        .forEach(c -> out.putAll(normParameters(c.getValue(), path + "/" + c.getKey())));
    return out;
  }

  @Test
  void aPartialPretrainedLoadPrintsItsReportAndAForeignOneFails() throws Exception {
    Path headless = dir.resolve("headless.safetensors");
    Path foreign = dir.resolve("foreign.safetensors");
    try (NDManager m = NDManager.newBaseManager()) {
      Classifier net = classifier(recipe(1, 0.0, null), m);
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
    PrintStream old = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      runner(recipe(1, 0.0, headless.toString()))
          .train(new RunOptions(dir.resolve("h"), false, null, null, false));
    } finally {
      System.setErr(old);
    }
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("pretrained " + headless)
        .contains("missing (2): [head.weight, head.bias]");
    assertThatThrownBy(
            () ->
                runner(recipe(1, 0.0, foreign.toString()))
                    .train(new RunOptions(dir.resolve("f"), false, null, null, false)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(foreign.toString())
        .hasMessageContaining("fill 0 of");
  }

  @Test
  void frozenModeFreezesTheAffineParametersOfEveryBackboneBatchNorm() {
    try (NDManager m = NDManager.newBaseManager()) {
      Classifier net = classifier(recipe(1, 1e-3, null), m);
      int n = NormModes.apply(net, BatchNormMode.FROZEN);
      Map<String, Parameter> norms = normParameters(net, "");
      // weight, bias, running mean and variance of each of the n layers.
      assertThat(n).isGreaterThan(4);
      assertThat(norms).hasSize(4 * n);
      Map<String, Parameter> affine = new LinkedHashMap<>();
      norms.forEach(
          (k, p) -> {
            if (k.endsWith("weight") || k.endsWith("bias")) {
              affine.put(k, p);
            }
          });
      assertThat(affine).hasSize(2 * n);
      affine.forEach((k, p) -> assertThat(p.requiresGradient()).as(k).isFalse());
      NormModes.apply(net, BatchNormMode.TRAIN);
      affine.forEach((k, p) -> assertThat(p.requiresGradient()).as(k).isTrue());
    }
  }

  @Test
  void aFrozenBatchNormRecipeTrainsEverythingButTheBatchNorms() throws Exception {
    String json = recipe(2, 2e-3, null, "frozen");
    TrainResult r =
        runner(json).train(new RunOptions(dir.resolve("frozen"), false, null, null, false));
    try (NDManager m = NDManager.newBaseManager()) {
      Classifier start = classifier(json, m);
      Classifier end = classifier(json, m);
      ModelState.load(end, CheckpointStore.read(r.lastCheckpoint()).model());
      Map<String, Parameter> before = normParameters(start, "");
      Map<String, Parameter> after = normParameters(end, "");
      assertThat(before).isNotEmpty();
      // Frozen: no gradient step on weight/bias and no running-statistics update.
      before.forEach(
          (k, p) ->
              assertThat(after.get(k).getArray().toFloatArray())
                  .as(k)
                  .containsExactly(p.getArray().toFloatArray()));
      long moved =
          start.getParameters().stream()
              .filter(p -> !before.containsValue(p.getValue()))
              .filter(
                  p ->
                      !java.util.Arrays.equals(
                          p.getValue().getArray().toFloatArray(),
                          end.getParameters().get(p.getKey()).getArray().toFloatArray()))
              .count();
      assertThat(moved).as("parameters that trained").isGreaterThan(10);
    }
  }

  @Test
  void resumedHireMlpRunWithDropPathEndsWithTheWeightsOfAStraightRun() throws Exception {
    TaskRunner runner = runner(recipe(8, 2e-3, null));
    TrainResult straight =
        runner.train(new RunOptions(dir.resolve("straight"), false, null, null, false));
    Path split = dir.resolve("split");
    // First half: the same recipe stopped at 4 iterations by --max-iters would change the
    // schedule, so run the full recipe and cut it like a crash by deleting the later checkpoint.
    runner.train(new RunOptions(split, false, null, null, false));
    CheckpointStore store = new CheckpointStore(split.resolve("checkpoints"), 3);
    Files.delete(split.resolve("checkpoints").resolve("ckpt-00000008.ckpt"));
    assertThat(store.latest().orElseThrow().iteration()).isEqualTo(4);
    TrainResult resumed = runner.train(new RunOptions(split, true, null, null, false));
    assertThat(resumed.startIteration()).isEqualTo(4);
    assertThat(CheckpointStore.read(resumed.lastCheckpoint()).model())
        .isEqualTo(CheckpointStore.read(straight.lastCheckpoint()).model());
    assertThat(CheckpointStore.read(resumed.lastCheckpoint()).optimizer())
        .isEqualTo(CheckpointStore.read(straight.lastCheckpoint()).optimizer());
  }
}
