package org.mlpvision.zoo;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.google.inject.Guice;
import java.io.IOException;
import org.mlpvision.backbone.Backbone;
import org.mlpvision.core.config.ConfigException;
import org.mlpvision.core.weights.StateDict;
import org.mlpvision.core.weights.WeightLoader;
import org.mlpvision.datasets.transform.Transform;
import org.mlpvision.detection.DetectionModule;
import org.mlpvision.detection.detector.DetectorFactory;
import org.mlpvision.detection.detector.TwoStageDetector;
import org.mlpvision.detection.task.MmdetPipeline;
import org.mlpvision.segmentation.EncoderDecoder;
import org.mlpvision.segmentation.SegmentorConfigReader;
import org.mlpvision.segmentation.SegmentorModule;

/**
 * A model directory made ready to predict: the detector or segmentor of its model section, built
 * with the registered components, initialised on a manager's device with the directory's weights
 * (loaded strictly), and its test pipeline as transforms. The model is in inference mode for good:
 * callers pass {@code training = false}.
 */
public final class VisionModel {
  private final ModelMetadata metadata;
  private final String source;
  private final Transform testPipeline;
  private final TwoStageDetector detector;
  private final EncoderDecoder segmentor;

  private VisionModel(
      ModelMetadata metadata,
      String source,
      Transform testPipeline,
      TwoStageDetector detector,
      EncoderDecoder segmentor) {
    this.metadata = metadata;
    this.source = source;
    this.testPipeline = testPipeline;
    this.detector = detector;
    this.segmentor = segmentor;
  }

  /** The component registries, built once: Guice wiring costs a fraction of a second. */
  private static final class Registries {
    static final DetectorFactory DETECTORS =
        Guice.createInjector(new DetectionModule()).getInstance(DetectorFactory.class);
    static final SegmentorConfigReader SEGMENTORS =
        Guice.createInjector(new SegmentorModule()).getInstance(SegmentorConfigReader.class);
  }

  /** The reader of segmentation model sections (the registered backbones and heads). */
  static SegmentorConfigReader segmentors() {
    return Registries.SEGMENTORS;
  }

  /**
   * Builds the model of {@code dir} in {@code manager} (its parameters live there, on its device)
   * and loads the weights strictly.
   *
   * @throws ConfigException naming {@code model.json} and the key path when the model section or
   *     the test pipeline does not build, or when the class list does not fit the model
   * @throws IOException when the weights cannot be read
   * @throws IllegalArgumentException naming the weights file when they do not fit the model
   */
  public static VisionModel load(ModelDirectory dir, NDManager manager) throws IOException {
    VisionModel m =
        build(dir.metadata(), dir.path().resolve(ModelDirectory.MODEL_FILE).toString(), manager);
    try (NDManager tmp = manager.newSubManager()) {
      WeightLoader.load(
          m.block(), StateDict.read(dir.weights(), tmp), true, dir.weights().toString());
    }
    return m;
  }

  /**
   * Builds and initialises the model {@code meta} describes, with the initialiser's weights.
   *
   * @param source the file {@code meta} came from, for errors
   */
  static VisionModel build(ModelMetadata meta, String source, NDManager manager) {
    Transform pipeline =
        MmdetPipeline.build(meta.testPipeline(), source, "test_pipeline").transform();
    TwoStageDetector detector = null;
    EncoderDecoder segmentor = null;
    int numClasses;
    if (meta.task() == ModelTask.DETECTION) {
      detector =
          Registries.DETECTORS.build(
              DetectorFactory.config(meta.model(), source, "model"), source, "model");
      numClasses = detector.numClasses();
    } else {
      segmentor = Registries.SEGMENTORS.read(meta.model(), source, "model").build();
      numClasses = segmentor.numClasses();
    }
    if (numClasses != meta.numClasses()) {
      throw new ConfigException(
          source,
          "classes",
          meta.numClasses() + " class names but the model predicts " + numClasses + " classes");
    }
    VisionModel m = new VisionModel(meta, source, pipeline, detector, segmentor);
    // The input shape only sizes the parameters; any image size runs afterwards.
    m.block().initialize(manager, DataType.FLOAT32, new Shape(1, 3, 64, 64));
    return m;
  }

  /** What the model is. */
  public ModelMetadata metadata() {
    return metadata;
  }

  /** The file its metadata came from (a model directory's model.json, or a recipe). */
  public String source() {
    return source;
  }

  /** The detector or the segmentor, whichever it is. */
  public Block block() {
    return detector != null ? detector : segmentor;
  }

  /** The test pipeline's transforms (resize, normalize, pad). */
  public Transform testPipeline() {
    return testPipeline;
  }

  /** The detector, or null for a segmentation model. */
  public TwoStageDetector detector() {
    return detector;
  }

  /** The segmentor, or null for a detection model. */
  public EncoderDecoder segmentor() {
    return segmentor;
  }

  /** The bottom-up backbone (stages fine to coarse), shared with the task model. */
  public Backbone backbone() {
    return detector != null ? detector.backbone() : segmentor.backbone();
  }
}
