package org.mlpvision.segmentation;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlpvision.core.config.ConfigLoader;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.core.device.DeviceSpec;
import org.mlpvision.core.device.RuntimeConfig;
import org.mlpvision.core.train.ModelWeights;
import org.mlpvision.core.train.RunOptions;
import org.mlpvision.core.train.TaskRunner;
import org.mlpvision.core.train.TestOptions;
import org.mlpvision.core.train.TrainConfig;
import org.mlpvision.core.train.TrainDevices;
import org.mlpvision.core.train.TrainLoop;
import org.mlpvision.core.train.TrainProgress;
import org.mlpvision.core.train.TrainResult;
import org.mlpvision.core.weights.StateDict;
import org.mlpvision.core.weights.WeightLoader;
import org.mlpvision.datasets.ade.AdeClasses;
import org.mlpvision.datasets.loader.GlobalBatches;
import org.mlpvision.datasets.loader.PrefetchLoader;
import org.mlpvision.datasets.structures.ImageList;
import org.mlpvision.datasets.structures.SemanticMap;
import org.mlpvision.eval.DatasetEvaluator;
import org.mlpvision.eval.InferenceDriver;
import org.mlpvision.eval.seg.SegmentationEvaluator;
import org.mlpvision.eval.seg.SegmentationMetrics;
import org.mlpvision.eval.seg.SemanticSegEvaluator;
import org.mlpvision.segmentation.data.AdeData;
import org.mlpvision.segmentation.data.PredictionPainter;

/**
 * Trains and tests a segmentation recipe: the UperNet of its {@code model} section on its
 * ADE20K-layout data through the shared {@link TrainLoop} (periodic mIoU through the {@link
 * InferenceDriver}; a few validation predictions painted into {@code <work_dir>/predictions}
 * afterwards), and a checkpoint through the same driver with mmseg's report, in whole or slide mode
 * or with the multi-scale + flip test, optionally painting every prediction.
 */
public final class SegmentationRunner implements TaskRunner {
  /** mmseg's {@code --aug-test} ratios of the test scale. */
  static final double[] AUG_RATIOS = {0.5, 0.75, 1.0, 1.25, 1.5, 1.75};

  /** Validation predictions painted after training. */
  private static final int PAINTED = 4;

  private final SegmentationRecipe recipe;
  private final RuntimeConfig runtime;
  private final ConfigSource source;

  /**
   * @param recipe the recipe's task sections
   * @param runtime its device, threads and seed
   * @param source the document, stored (resolved) in the work directory
   */
  @Inject
  public SegmentationRunner(SegmentationRecipe recipe, RuntimeConfig runtime, ConfigSource source) {
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
    AdeData data = new AdeData(recipe.data(), options.workDir());
    try (NDManager manager = NDManager.newBaseManager(devices.get(0));
        PrefetchLoader loader = data.trainLoader(runtime.seed());
        PrefetchLoader val = data.validationLoader()) {
      EncoderDecoder model = build(manager);
      loadPretrained(model, manager);
      Map<String, Object> resolved = new LinkedHashMap<>();
      resolved.put("task", SegmentationRecipe.TASK);
      resolved.put("runtime", runtime);
      resolved.put("model", source.root().get("model"));
      resolved.put("data", recipe.data());
      resolved.put("train", train);
      TrainResult result =
          TrainLoop.builder(new SegmentationTask(model, new GlobalBatches(loader)), train)
              .workDir(options.workDir())
              .devices(devices)
              .seed(runtime.seed())
              .resolvedConfig(ConfigLoader.mapper().valueToTree(resolved))
              .evaluation(
                  (store, scope, it) ->
                      evaluate(model, data, val, store, scope, false, null).summary())
              .progress(options.progress() ? TrainProgress.console() : TrainProgress.silent())
              .build()
              .run(options.start());
      paintSome(model, data, val, new ParameterStore(manager, false), manager, options.workDir());
      return result;
    }
  }

  @Override
  public Map<String, Double> test(Path checkpoint, String device) throws Exception {
    return test(TestOptions.of(checkpoint, device));
  }

  /**
   * Evaluates a checkpoint of a run ({@code ckpt-*.ckpt}) or an mmseg state dict ({@code .pth},
   * {@code .safetensors}, {@code .npz}, loaded strictly), prints mmseg's tables and returns the
   * metrics with per-class values.
   */
  @Override
  public Map<String, Double> test(TestOptions options) throws Exception {
    options.requireOnly("segmentation", "--mode", "--aug-test", "--show-dir");
    Device dev = deviceSpec(options.device()).resolve();
    // A run's synthesized data set lives in its work directory, the checkpoint folder's parent.
    Path workDir = options.checkpoint().toAbsolutePath().getParent();
    if (workDir.getFileName() != null && workDir.getFileName().toString().equals("checkpoints")) {
      workDir = workDir.getParent();
    }
    AdeData data = new AdeData(recipe.data(), workDir);
    try (NDManager manager = NDManager.newBaseManager(dev);
        PrefetchLoader val = data.validationLoader()) {
      EncoderDecoder model = build(manager);
      long iteration = ModelWeights.load(model, options.checkpoint(), manager);
      if (options.mode() != null) {
        model = model.withTestCfg(model.testCfg().withMode(options.mode()));
      }
      PredictionPainter painter =
          options.showDir() == null ? null : new PredictionPainter(options.showDir());
      Evaluated e =
          evaluate(
              model,
              data,
              val,
              new ParameterStore(manager, false),
              manager,
              options.augTest(),
              painter);
      System.out.print(SegmentationReport.tables(e.metrics(), AdeClasses.standard().names()));
      Map<String, Double> out =
          new LinkedHashMap<>(
              SegmentationReport.metrics(e.metrics(), AdeClasses.standard().names()));
      out.put("images", (double) data.validation().samples().size());
      if (iteration >= 0) {
        out.put("iteration", (double) iteration);
      }
      return out;
    }
  }

  /** The metrics of one evaluation. */
  private record Evaluated(SegmentationMetrics metrics) {
    Map<String, Double> summary() {
      Map<String, Double> out = new LinkedHashMap<>();
      out.put("mIoU", metrics.mIoU());
      out.put("aAcc", metrics.aAcc());
      out.put("mAcc", metrics.mAcc());
      return out;
    }
  }

  /**
   * Inference over the validation split streamed into the confusion matrix (and painted when {@code
   * painter} is set).
   */
  private Evaluated evaluate(
      EncoderDecoder model,
      AdeData data,
      PrefetchLoader val,
      ParameterStore store,
      NDManager scope,
      boolean augTest,
      PredictionPainter painter) {
    SegmentationEvaluator confusion =
        new SegmentationEvaluator(
            model.numClasses(), 255, recipe.data().reduceZeroLabel(), scope.getDevice());
    try (SemanticSegEvaluator ev = new SemanticSegEvaluator(confusion, data.groundTruth())) {
      DatasetEvaluator<ImageList, List<SemanticMap>> sink =
          painter == null ? ev : painting(ev, painter, data);
      if (augTest) {
        InferenceDriver.run(
            data.augViews(AUG_RATIOS),
            (s, views) -> List.of(model.predictAugmented(s, views)),
            new DatasetEvaluator<List<ImageList>, List<SemanticMap>>() {
              @Override
              public void reset() {
                sink.reset();
              }

              @Override
              public void process(List<ImageList> views, List<SemanticMap> outputs) {
                sink.process(views.get(0), outputs);
              }

              @Override
              public Map<String, Double> evaluate() {
                return sink.evaluate();
              }
            },
            store,
            scope);
      } else {
        InferenceDriver.run(AdeData.images(val), model::predict, sink, store, scope);
      }
      return new Evaluated(confusion.evaluate());
    }
  }

  /** {@code ev}, also painting every prediction over its image. */
  private static DatasetEvaluator<ImageList, List<SemanticMap>> painting(
      SemanticSegEvaluator ev, PredictionPainter painter, AdeData data) {
    return new DatasetEvaluator<>() {
      @Override
      public void reset() {
        ev.reset();
      }

      @Override
      public void process(ImageList inputs, List<SemanticMap> outputs) {
        ev.process(inputs, outputs);
        for (int i = 0; i < outputs.size(); i++) {
          String id = inputs.metas().get(i).id();
          try {
            painter.paint(id, data.validationImage(id), outputs.get(i).labels());
          } catch (IOException e) {
            throw new UncheckedIOException("cannot paint the prediction of " + id, e);
          }
        }
      }

      @Override
      public Map<String, Double> evaluate() {
        return ev.evaluate();
      }
    };
  }

  /** The first few validation predictions, painted into {@code <workDir>/predictions}. */
  private static void paintSome(
      EncoderDecoder model,
      AdeData data,
      PrefetchLoader val,
      ParameterStore store,
      NDManager manager,
      Path workDir)
      throws IOException {
    PredictionPainter painter = new PredictionPainter(workDir.resolve("predictions"));
    var it = AdeData.images(val).pass();
    for (int i = 0; i < PAINTED && it.hasNext(); i++) {
      try (NDManager scope = manager.newSubManager()) {
        ImageList images = it.next().apply(scope);
        String id = images.metas().get(0).id();
        painter.paint(id, data.validationImage(id), model.predict(store, images).get(0).labels());
      }
    }
  }

  /** ImageNet weights of the backbone ({@code model.pretrained}), loaded non-strictly as mmseg. */
  private void loadPretrained(EncoderDecoder model, NDManager manager) throws IOException {
    String pre = recipe.model().pretrained();
    if (pre != null) {
      try (NDManager tmp = manager.newSubManager()) {
        System.err.println(
            WeightLoader.load(model.backbone(), StateDict.read(Path.of(pre), tmp), false, pre)
                .describe());
      }
    }
  }

  private DeviceSpec deviceSpec(String override) {
    return DeviceSpec.parse(override != null ? override : runtime.device());
  }

  private EncoderDecoder build(NDManager manager) {
    EncoderDecoder model = recipe.model().build();
    // Seeded so that the same recipe always starts from the same weights.
    Engine.getInstance().setRandomSeed((int) (long) runtime.seed());
    List<Integer> crop = recipe.data().pipeline().cropSize();
    model.initialize(manager, DataType.FLOAT32, new Shape(1, 3, crop.get(0), crop.get(1)));
    return model;
  }
}
