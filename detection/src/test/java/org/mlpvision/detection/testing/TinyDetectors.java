package org.mlpvision.detection.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Guice;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.mlpvision.core.config.ConfigLoader;
import org.mlpvision.datasets.structures.GtInstances;
import org.mlpvision.datasets.structures.ImageList;
import org.mlpvision.datasets.transform.ImageMeta;
import org.mlpvision.detection.DetectionModule;
import org.mlpvision.detection.detector.DetectorConfig;
import org.mlpvision.detection.detector.DetectorFactory;
import org.mlpvision.detection.detector.TwoStageDetector;

/**
 * A Cascade Mask R-CNN of tiny widths (AS-MLP backbone with 8 channels, FPN 8, two classes) and
 * small batches with ground truth, for tests that run the whole detector.
 */
public final class TinyDetectors {
  /** The test resource holding the model config. */
  public static final String RESOURCE =
      "/org/mlpvision/detection/detector/tiny_cascade_mask_rcnn.json";

  private TinyDetectors() {}

  /** The factory with the detection components registered. */
  public static DetectorFactory factory() {
    return Guice.createInjector(new DetectionModule()).getInstance(DetectorFactory.class);
  }

  /** The tiny model config, as a mutable tree. */
  public static ObjectNode modelNode() {
    try (InputStream in = TinyDetectors.class.getResourceAsStream(RESOURCE)) {
      return (ObjectNode) ConfigLoader.mapper().readTree(in);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Builds the tiny detector after {@code edit} changed its config; not initialised. */
  public static TwoStageDetector build(Consumer<ObjectNode> edit) {
    ObjectNode node = modelNode();
    edit.accept(node);
    DetectorConfig c = DetectorFactory.config(node, RESOURCE, "model");
    return factory().build(c, RESOURCE, "model");
  }

  /** The tiny detector, initialised with seeded random weights. */
  public static TwoStageDetector initialised(NDManager m, Consumer<ObjectNode> edit) {
    TwoStageDetector d = build(edit);
    ai.djl.engine.Engine.getInstance().setRandomSeed(5);
    d.initialize(m, DataType.FLOAT32, new Shape(1, 3, 64, 96));
    return d;
  }

  /**
   * A batch of random images of the given {@code {h, w}} sizes, padded to multiples of 32 and to
   * each other, as the data pipeline makes it.
   */
  public static ImageList images(NDManager m, int[]... sizes) {
    int padH = 0;
    int padW = 0;
    List<ImageMeta> metas = new ArrayList<>();
    for (int[] s : sizes) {
      int ph = (s[0] + 31) / 32 * 32;
      int pw = (s[1] + 31) / 32 * 32;
      metas.add(
          new ImageMeta("img" + metas.size(), s[0], s[1], s[0], s[1], ph, pw, 1, 1, false, 0, 0));
      padH = Math.max(padH, ph);
      padW = Math.max(padW, pw);
    }
    NDArray x = m.zeros(new Shape(sizes.length, 3, padH, padW));
    ai.djl.engine.Engine.getInstance().setRandomSeed(11);
    for (int i = 0; i < sizes.length; i++) {
      x.set(
          new NDIndex(i + ", :, :" + sizes[i][0] + ", :" + sizes[i][1]),
          m.randomNormal(new Shape(3, sizes[i][0], sizes[i][1])));
    }
    return new ImageList(x, metas);
  }

  /**
   * Ground truth with box masks: {@code boxes} are {@code x1,y1,x2,y2} rows, the mask of each fills
   * its box, at the batch's padded size.
   */
  public static GtInstances boxes(NDManager m, ImageList batch, float[] boxes, long[] labels) {
    int n = labels.length;
    NDArray masks = m.zeros(new Shape(n, batch.height(), batch.width()), DataType.UINT8);
    for (int i = 0; i < n; i++) {
      masks.set(
          new NDIndex(
              i
                  + ", "
                  + (int) boxes[4 * i + 1]
                  + ":"
                  + (int) boxes[4 * i + 3]
                  + ", "
                  + (int) boxes[4 * i]
                  + ":"
                  + (int) boxes[4 * i + 2]),
          1);
    }
    return new GtInstances(m.create(boxes, new Shape(n, 4)), m.create(labels), masks);
  }

  /** Every parameter's values replaced by a fixed pattern, independent of random generators. */
  public static void fillDeterministically(ai.djl.nn.Block d) {
    int[] k = {0};
    org.mlpvision.core.weights.ParameterNames.of(d)
        .forEach(
            (name, p) -> {
              NDArray a = p.getArray();
              if (name.endsWith("running_var")) {
                a.set(a.onesLike().toFloatArray());
                return;
              }
              if (name.endsWith("running_mean")) {
                a.set(a.zerosLike().toFloatArray());
                return;
              }
              float[] v = new float[Math.toIntExact(a.size())];
              double fan = a.getShape().dimension() > 1 ? a.size() / a.getShape().get(0) : 8;
              for (int i = 0; i < v.length; i++) {
                v[i] = (float) (Math.sin(0.37 * i + 1.3 * k[0]) / Math.sqrt(fan));
              }
              a.set(v);
              k[0]++;
            });
  }

  /** Reads a JSON node for edits. */
  public static JsonNode json(String text) {
    try {
      return ConfigLoader.mapper().readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
