package org.mlpvision.detection.task;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.google.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.mlpvision.core.weights.LoadReport;
import org.mlpvision.core.weights.StateDict;
import org.mlpvision.core.weights.WeightLoader;
import org.mlpvision.datasets.coco.CocoDataset;
import org.mlpvision.datasets.loader.GlobalBatches;
import org.mlpvision.datasets.loader.PrefetchLoader;
import org.mlpvision.datasets.structures.Detections;
import org.mlpvision.datasets.structures.ImageList;
import org.mlpvision.detection.detector.DetectorFactory;
import org.mlpvision.detection.detector.TwoStageDetector;
import org.mlpvision.eval.DatasetEvaluator;
import org.mlpvision.eval.EvalData;
import org.mlpvision.eval.InferenceDriver;
import org.mlpvision.eval.coco.CocoDetectionEvaluator;
import org.mlpvision.eval.coco.CocoParams;
import org.mlpvision.eval.coco.IouType;

/**
 * Trains and tests a detection recipe: the detector of its {@code model} section on its COCO-format
 * data through the shared {@link TrainLoop}, with box (and mask) AP on the {@code val} split
 * through the {@link InferenceDriver} as training goes, and a checkpoint on the {@code test} split
 * through the same driver, optionally writing the COCO results file.
 */
public final class DetectionRunner implements TaskRunner {
  /** Validation predictions painted after training. */
  private static final int PAINTED = 4;

  private final DetectionRecipe recipe;
  private final RuntimeConfig runtime;
  private final ConfigSource source;
  private final DetectorFactory factory;

  /**
   * Builds the recipe's detector once, so that a model section that does not fit fails here.
   *
   * @param recipe the recipe's task sections
   * @param runtime its device, threads and seed
   * @param source the document, stored (resolved) in the work directory
   * @param factory builds detectors from model sections
   */
  @Inject
  public DetectionRunner(
      DetectionRecipe recipe, RuntimeConfig runtime, ConfigSource source, DetectorFactory factory) {
    this.recipe = recipe;
    this.runtime = runtime;
    this.source = source;
    this.factory = factory;
    detector();
  }

  @Override
  public TrainResult train(RunOptions options) throws Exception {
    TrainConfig train =
        options.maxIters() == null
            ? recipe.train()
            : recipe.train().withMaxIters(options.maxIters());
    List<Device> devices = TrainDevices.select(deviceSpec(options.device()));
    TwoStageDetector detector = detector();
    CocoData data = new CocoData(recipe.data(), options.workDir(), source.source());
    CocoDataset valSet = data.dataset(recipe.data().val());
    try (NDManager manager = NDManager.newBaseManager(devices.get(0));
        PrefetchLoader loader = data.trainLoader(runtime.seed(), detector.withMask());
        PrefetchLoader val = data.evalLoader(recipe.data().val(), "val")) {
      initialize(detector, manager);
      if (recipe.loadFrom() != null) {
        loadFrom(detector, Path.of(recipe.loadFrom()), manager);
      }
      Map<String, Object> resolved = new LinkedHashMap<>();
      resolved.put("task", DetectionRecipe.TASK);
      resolved.put("runtime", runtime);
      resolved.put("model", source.root().get("model"));
      resolved.put("data", recipe.data());
      resolved.put("train", train);
      resolved.put("load_from", recipe.loadFrom());
      Device device = devices.get(0);
      TrainResult result =
          TrainLoop.builder(new DetectionTask(detector, new GlobalBatches(loader)), train)
              .workDir(options.workDir())
              .devices(devices)
              .seed(runtime.seed())
              .resolvedConfig(ConfigLoader.mapper().valueToTree(resolved))
              .evaluation(
                  (store, scope, it) -> evaluate(detector, valSet, val, store, scope, device, null))
              .progress(options.progress() ? TrainProgress.console() : TrainProgress.silent())
              .build()
              .run(options.start());
      Path shown = options.workDir().resolve("predictions");
      paintSome(detector, data.imageFiles(recipe.data().val()), valSet, val, manager, shown);
      return result;
    }
  }

  /** The first validation images with their predictions, painted as PNGs into {@code dir}. */
  private static void paintSome(
      TwoStageDetector detector,
      java.util.function.LongFunction<Path> files,
      CocoDataset valSet,
      PrefetchLoader val,
      NDManager manager,
      Path dir)
      throws Exception {
    List<String> names = new ArrayList<>();
    valSet.categories().forEach(c -> names.add(c.name()));
    PredictionPainter painter = new PredictionPainter(dir, names, 0.3);
    ParameterStore store = new ParameterStore(manager, false);
    var epoch = val.epoch(0);
    for (int i = 0; i < PAINTED && epoch.hasNext(); i++) {
      try (NDManager scope = manager.newSubManager()) {
        ImageList images = DetBatch.images(epoch.next(), scope);
        String id = images.metas().get(0).id();
        Detections d = detector.predict(store, images).get(0);
        painter.paint(id, files.apply(Long.parseLong(id)), d);
      }
    }
  }

  @Override
  public Map<String, Double> test(Path checkpoint, String device) throws Exception {
    return test(TestOptions.of(checkpoint, device));
  }

  /**
   * Evaluates a checkpoint of a run ({@code *.ckpt}) or an mmdet state dict ({@code .pth}, {@code
   * .safetensors}; loaded strictly) on the {@code test} split.
   *
   * <p>{@code options.results()} is where to write the COCO results file, or null.
   *
   * @return {@code bbox_*} (and {@code segm_*}) metrics, the image count and the checkpoint's
   *     iteration when it has one
   */
  @Override
  public Map<String, Double> test(TestOptions options) throws Exception {
    options.requireOnly("detection", "--out");
    Path checkpoint = options.checkpoint();
    Path results = options.results();
    Device dev = deviceSpec(options.device()).resolve();
    // A run's synthesized data set lives in its work directory, the checkpoint folder's parent.
    Path workDir = checkpoint.toAbsolutePath().getParent();
    if (workDir.getFileName() != null && workDir.getFileName().toString().equals("checkpoints")) {
      workDir = workDir.getParent();
    }
    TwoStageDetector detector = detector();
    CocoData data = new CocoData(recipe.data(), workDir, source.source());
    CocoDataset testSet = data.dataset(recipe.data().test());
    try (NDManager manager = NDManager.newBaseManager(dev);
        PrefetchLoader loader = data.evalLoader(recipe.data().test(), "test")) {
      initialize(detector, manager);
      long iteration = ModelWeights.load(detector, checkpoint, manager);
      CocoResultsWriter writer =
          results == null ? null : new CocoResultsWriter(results, testSet.categoryMap());
      Map<String, Double> out;
      try {
        out =
            new LinkedHashMap<>(
                evaluate(
                    detector,
                    testSet,
                    loader,
                    new ParameterStore(manager, false),
                    manager,
                    dev,
                    writer));
      } finally {
        if (writer != null) {
          writer.close();
        }
      }
      out.put("images", (double) testSet.images().size());
      if (iteration >= 0) {
        out.put("iteration", (double) iteration);
      }
      return out;
    }
  }

  /**
   * COCO AP of the detector over a split, streamed into the evaluator (and the results file) as
   * inference runs; mmdet's {@code maxDets} 100, 300, 1000.
   */
  static Map<String, Double> evaluate(
      TwoStageDetector detector,
      CocoDataset groundTruth,
      PrefetchLoader loader,
      ParameterStore store,
      NDManager scope,
      Device device,
      CocoResultsWriter writer) {
    List<CocoParams> params = new ArrayList<>();
    params.add(CocoParams.defaults(IouType.BBOX).withMaxDets(100, 300, 1000));
    if (detector.withMask()) {
      params.add(CocoParams.defaults(IouType.SEGM).withMaxDets(100, 300, 1000));
    }
    try (CocoDetectionEvaluator coco = new CocoDetectionEvaluator(groundTruth, params, device)) {
      DatasetEvaluator<ImageList, List<Detections>> evaluator =
          writer == null ? coco : new Both(coco, writer);
      return InferenceDriver.run(
          EvalData.ofLoader(loader, DetBatch::images), detector::predict, evaluator, store, scope);
    }
  }

  /** The metrics of one evaluator while another (the results file) sees the same outputs. */
  private record Both(
      DatasetEvaluator<ImageList, List<Detections>> metrics,
      DatasetEvaluator<ImageList, List<Detections>> also)
      implements DatasetEvaluator<ImageList, List<Detections>> {
    @Override
    public void reset() {
      metrics.reset();
      also.reset();
    }

    @Override
    public void process(ImageList inputs, List<Detections> outputs) {
      metrics.process(inputs, outputs);
      also.process(inputs, outputs);
    }

    @Override
    public Map<String, Double> evaluate() {
      return metrics.evaluate();
    }
  }

  private TwoStageDetector detector() {
    return factory.build(recipe.model(), source.source(), "model");
  }

  private void initialize(TwoStageDetector detector, NDManager manager) {
    // Seeded so that the same recipe always starts from the same weights.
    Engine.getInstance().setRandomSeed((int) (long) runtime.seed());
    detector.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 64, 64));
  }

  /** Starting weights: every tensor whose name and shape match (a backbone, or a whole model). */
  private static void loadFrom(TwoStageDetector detector, Path file, NDManager manager)
      throws Exception {
    try (NDManager tmp = manager.newSubManager()) {
      LoadReport report =
          WeightLoader.load(detector, StateDict.read(file, tmp), false, file.toString());
      System.err.println("load_from " + file + ": " + report.summary());
    }
  }

  private DeviceSpec deviceSpec(String override) {
    return DeviceSpec.parse(override != null ? override : runtime.device());
  }
}
