package org.mlpvision.classification;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlpvision.backbone.Classifier;
import org.mlpvision.core.config.ConfigLoader;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.core.device.DeviceSpec;
import org.mlpvision.core.device.RuntimeConfig;
import org.mlpvision.core.train.Checkpoint;
import org.mlpvision.core.train.CheckpointStore;
import org.mlpvision.core.train.ModelState;
import org.mlpvision.core.train.RunOptions;
import org.mlpvision.core.train.TaskRunner;
import org.mlpvision.core.train.TrainConfig;
import org.mlpvision.core.train.TrainDevices;
import org.mlpvision.core.train.TrainLoop;
import org.mlpvision.core.train.TrainProgress;
import org.mlpvision.core.train.TrainResult;
import org.mlpvision.core.weights.LoadReport;
import org.mlpvision.core.weights.StateDict;
import org.mlpvision.core.weights.WeightLoader;
import org.mlpvision.datasets.classify.ShapeBatch;
import org.mlpvision.datasets.classify.ShapeBatches;
import org.mlpvision.datasets.classify.ShapeImages;
import org.mlpvision.eval.EvalData;
import org.mlpvision.eval.InferenceDriver;
import org.mlpvision.eval.Predictor;

/**
 * Trains and tests a classification recipe: builds the classifier from the backbone factory
 * (optionally loading pretrained weights), generates the shape set, runs the {@link TrainLoop}
 * whose evaluation is top-1 through the {@link InferenceDriver}, and tests a checkpoint through the
 * same driver.
 */
public final class ClassificationRunner implements TaskRunner {
  /** Images per evaluation batch. */
  private static final int EVAL_BATCH = 100;

  private final ClassificationRecipe recipe;
  private final RuntimeConfig runtime;
  private final ConfigSource source;

  /**
   * @param recipe the recipe's task sections
   * @param runtime its device, threads and seed
   * @param source the document, stored (resolved) in the work directory
   */
  @Inject
  public ClassificationRunner(
      ClassificationRecipe recipe, RuntimeConfig runtime, ConfigSource source) {
    this.recipe = recipe;
    this.runtime = runtime;
    this.source = source;
  }

  @Override
  public TrainResult train(RunOptions options) throws Exception {
    TrainConfig train =
        options.maxIters() == null
            ? recipe.train()
            : recipe.train().withMaxIters(options.maxIters());
    List<Device> devices = TrainDevices.select(deviceSpec(options.device()));
    ShapeImages trainSet = ShapeImages.generate(recipe.data(), ShapeImages.Split.TRAIN);
    ShapeImages valSet = ShapeImages.generate(recipe.data(), ShapeImages.Split.VAL);
    try (NDManager manager = NDManager.newBaseManager(devices.get(0))) {
      Classifier model = build(manager);
      if (recipe.pretrained() != null) {
        try (NDManager tmp = manager.newSubManager()) {
          StateDict dict = StateDict.read(Path.of(recipe.pretrained()), tmp);
          LoadReport report = WeightLoader.load(model, dict, false, recipe.pretrained());
          if (!report.isComplete()) {
            // A new head is expected when fine-tuning; anything else shows here too.
            System.err.println("pretrained " + recipe.pretrained() + ": " + report.describe());
          }
        }
      }
      ClassificationTask task =
          new ClassificationTask(
              model, new ShapeBatches(trainSet, recipe.data().batchSize(), recipe.data().seed()));
      Map<String, Object> resolved = new LinkedHashMap<>();
      resolved.put("task", ClassificationRecipe.TASK);
      resolved.put("runtime", runtime);
      resolved.put("model", source.root().get("model"));
      resolved.put("data", recipe.data());
      resolved.put("train", train);
      resolved.put("pretrained", recipe.pretrained());
      EvalData<ShapeBatch> val = evalData(valSet);
      return TrainLoop.builder(task, train)
          .workDir(options.workDir())
          .devices(devices)
          .seed(runtime.seed())
          .resolvedConfig(ConfigLoader.mapper().valueToTree(resolved))
          .evaluation(
              (store, scope, it) ->
                  InferenceDriver.run(val, predictor(model), new TopOneEvaluator(), store, scope))
          .progress(options.progress() ? TrainProgress.console() : TrainProgress.silent())
          .build()
          .run(options.resume());
    }
  }

  @Override
  public Map<String, Double> test(Path checkpoint, String device) throws Exception {
    Checkpoint ckpt = CheckpointStore.read(checkpoint);
    Device dev = deviceSpec(device).resolve();
    ShapeImages valSet = ShapeImages.generate(recipe.data(), ShapeImages.Split.VAL);
    try (NDManager manager = NDManager.newBaseManager(dev)) {
      Classifier model = build(manager);
      ModelState.load(model, ckpt.model());
      Map<String, Double> out =
          new LinkedHashMap<>(
              InferenceDriver.run(
                  evalData(valSet),
                  predictor(model),
                  new TopOneEvaluator(),
                  new ParameterStore(manager, false),
                  manager));
      out.put("images", (double) valSet.count());
      out.put("iteration", (double) ckpt.iteration());
      return out;
    }
  }

  /** The validation split in evaluation batches. */
  static EvalData<ShapeBatch> evalData(ShapeImages images) {
    return EvalData.ofRanges(
        images.count(),
        EVAL_BATCH,
        (from, to, scope) -> ShapeBatches.range(images, from, to, scope));
  }

  /** The classifier's logits in inference mode. */
  static Predictor<ShapeBatch, NDArray> predictor(Block model) {
    return (store, batch) ->
        model.forward(store, new NDList(batch.images()), false).singletonOrThrow();
  }

  private DeviceSpec deviceSpec(String override) {
    return DeviceSpec.parse(override != null ? override : runtime.device());
  }

  private Classifier build(NDManager manager) {
    Classifier model = recipe.model().classifier();
    // Seeded so that the same recipe always starts from the same weights.
    Engine.getInstance().setRandomSeed((int) (long) runtime.seed());
    int s = recipe.data().imageSize();
    model.initialize(manager, DataType.FLOAT32, new Shape(1, 3, s, s));
    return model;
  }
}
