package org.mlpvision.classification;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlpvision.backbone.Classifier;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.core.device.DeviceSpec;
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
import org.mlpvision.datasets.classify.ShapeBatches;
import org.mlpvision.datasets.classify.ShapeImages;

/**
 * Trains and tests classification recipes: builds the classifier from the backbone factory
 * (optionally loading pretrained weights), generates the shape set, runs the {@link TrainLoop} with
 * top-1 validation, and measures top-1 of a checkpoint.
 */
public final class ClassificationRunner implements TaskRunner {
  /** Images per evaluation batch. */
  private static final int EVAL_BATCH = 100;

  @Override
  public TrainResult train(ConfigSource config, RunOptions options) throws Exception {
    ClassificationRecipe recipe = ClassificationRecipe.from(config);
    TrainConfig train =
        options.maxIters() == null
            ? recipe.train()
            : recipe.train().withMaxIters(options.maxIters());
    List<Device> devices = TrainDevices.select(deviceSpec(recipe, options.device()));
    ShapeImages trainSet = ShapeImages.generate(recipe.data(), ShapeImages.Split.TRAIN);
    ShapeImages valSet = ShapeImages.generate(recipe.data(), ShapeImages.Split.VAL);
    long seed = recipe.runtime().seed();
    try (NDManager manager = NDManager.newBaseManager(devices.get(0))) {
      Classifier model = build(recipe, manager, seed);
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
      BackboneNorms.apply(model, train.batchNormMode());
      ClassificationTask task =
          new ClassificationTask(
              model, new ShapeBatches(trainSet, recipe.data().batchSize(), recipe.data().seed()));
      Map<String, Object> resolved = new LinkedHashMap<>();
      resolved.put("task", ClassificationRecipe.TASK);
      resolved.put("runtime", recipe.runtime());
      resolved.put("model", config.root().get("model"));
      resolved.put("data", recipe.data());
      resolved.put("train", train);
      resolved.put("pretrained", recipe.pretrained());
      return TrainLoop.builder(task, train)
          .workDir(options.workDir())
          .devices(devices)
          .seed(seed)
          .resolvedConfig(org.mlpvision.core.config.ConfigLoader.mapper().valueToTree(resolved))
          .validation(
              (net, store, scope, it) ->
                  Map.of("top1", TopOneAccuracy.of(net, store, valSet, scope, EVAL_BATCH)))
          .progress(options.progress() ? TrainProgress.console() : TrainProgress.silent())
          .build()
          .run(options.resume());
    }
  }

  @Override
  public Map<String, Double> test(ConfigSource config, Path checkpoint, String device)
      throws Exception {
    ClassificationRecipe recipe = ClassificationRecipe.from(config);
    Checkpoint ckpt = CheckpointStore.read(checkpoint);
    Device dev = deviceSpec(recipe, device).resolve();
    ShapeImages valSet = ShapeImages.generate(recipe.data(), ShapeImages.Split.VAL);
    try (NDManager manager = NDManager.newBaseManager(dev)) {
      Classifier model = build(recipe, manager, recipe.runtime().seed());
      ModelState.load(model, ckpt.model());
      double top1 =
          TopOneAccuracy.of(model, new ParameterStore(manager, false), valSet, manager, EVAL_BATCH);
      Map<String, Double> out = new LinkedHashMap<>();
      out.put("top1", top1);
      out.put("images", (double) valSet.count());
      out.put("iteration", (double) ckpt.iteration());
      return out;
    }
  }

  private static DeviceSpec deviceSpec(ClassificationRecipe recipe, String override) {
    return DeviceSpec.parse(override != null ? override : recipe.runtime().device());
  }

  private static Classifier build(ClassificationRecipe recipe, NDManager manager, long seed) {
    Classifier model = recipe.model().classifier();
    // Seeded so that the same recipe always starts from the same weights.
    Engine.getInstance().setRandomSeed((int) seed);
    int s = recipe.data().imageSize();
    model.initialize(manager, DataType.FLOAT32, new Shape(1, 3, s, s));
    return model;
  }
}
