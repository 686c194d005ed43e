package org.mlpvision.detection.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.mlpvision.core.train.FixedStepContext;
import org.mlpvision.core.train.LossTerms;
import org.mlpvision.core.weights.ParameterNames;
import org.mlpvision.datasets.structures.Detections;
import org.mlpvision.datasets.structures.GtInstances;
import org.mlpvision.datasets.structures.ImageList;
import org.mlpvision.datasets.transform.ImageMeta;
import org.mlpvision.detection.testing.TinyDetectors;

class TwoStageDetectorTest {
  @AutoClose NDManager m = NDManager.newBaseManager();

  private final ParameterStore ps = new ParameterStore(m, false);

  private ImageList batch() {
    return TinyDetectors.images(m, new int[] {64, 96}, new int[] {56, 80});
  }

  private List<GtInstances> targets(ImageList batch) {
    return List.of(
        TinyDetectors.boxes(
            m, batch, new float[] {8, 8, 40, 40, 50, 10, 90, 50}, new long[] {0, 1}),
        TinyDetectors.boxes(m, batch, new float[] {4, 20, 44, 52}, new long[] {1}));
  }

  private GtInstances none(ImageList batch) {
    return new GtInstances(
        m.zeros(new Shape(0, 4)),
        m.zeros(new Shape(0), DataType.INT64),
        m.zeros(new Shape(0, batch.height(), batch.width()), DataType.UINT8));
  }

  private LossTerms step(TwoStageDetector d, ImageList batch, List<GtInstances> gts) {
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      LossTerms t = d.losses(ps, batch, gts, new FixedStepContext(0, new Random(3)));
      gc.backward(t.total());
      return t;
    }
  }

  @Test
  void everyParameterReceivesAGradient() {
    // Anchors of the coarse levels are larger than these small images: with allowed_border -1 and
    // every anchor sampled, each level's RPN outputs (and so each FPN output conv) take part.
    TwoStageDetector d =
        TinyDetectors.initialised(
            m,
            n -> {
              ObjectNode rpn = (ObjectNode) n.get("train_cfg").get("rpn");
              rpn.put("allowed_border", -1);
              ((ObjectNode) rpn.get("sampler")).put("num", 100000);
            });
    ImageList batch = batch();
    step(d, batch, targets(batch));
    List<String> without = new ArrayList<>();
    int trainable = 0;
    for (Map.Entry<String, Parameter> e : ParameterNames.of(d).entrySet()) {
      NDArray a = e.getValue().getArray();
      if (!e.getValue().requiresGradient()) {
        continue;
      }
      trainable++;
      NDArray g = a.getGradient();
      if (g.abs().max().getFloat() == 0 || !Float.isFinite(g.abs().max().getFloat())) {
        without.add(e.getKey());
      }
    }
    assertThat(trainable).isGreaterThan(100);
    assertThat(without).isEmpty();
  }

  @Test
  void imagesWithoutObjectsTrainWithoutNan() {
    TwoStageDetector d = TinyDetectors.initialised(m, n -> {});
    ImageList batch = batch();
    List<GtInstances> mixed = List.of(targets(batch).get(0), none(batch));
    List<GtInstances> empty = List.of(none(batch), none(batch));
    for (List<GtInstances> gts : List.of(mixed, empty)) {
      LossTerms t = step(d, batch, gts);
      t.terms().forEach((k, v) -> assertThat(v.getFloat()).as(k).isFinite());
      for (Parameter p : ParameterNames.of(d).values()) {
        if (p.requiresGradient()) {
          assertThat(p.getArray().getGradient().isNaN().any().getBoolean()).isFalse();
        }
      }
    }
    LossTerms t = step(d, batch, empty);
    // No objects: no positives anywhere, so the box and mask terms are exactly zero.
    for (int s = 0; s < 3; s++) {
      assertThat(t.terms().get("s" + s + ".loss_bbox").getFloat()).isZero();
      assertThat(t.terms().get("s" + s + ".loss_mask").getFloat()).isZero();
      assertThat(t.terms().get("s" + s + ".loss_cls").getFloat()).isPositive();
    }
    assertThat(t.terms().get("loss_rpn_bbox").getFloat()).isZero();
  }

  @Test
  void predictionsComeBackInOriginalCoordinates() {
    TwoStageDetector d = TinyDetectors.initialised(m, n -> {});
    ImageList batch = TinyDetectors.images(m, new int[] {64, 96});
    ImageMeta same = batch.metas().get(0);
    // The same network input, said to be a 2x downscale of a 128x192 original.
    ImageMeta halved = new ImageMeta("x", 128, 192, 64, 96, 64, 96, 0.5, 0.5, false, 0, 0);
    Detections a = d.predict(ps, batch).get(0);
    Detections b = d.predict(ps, new ImageList(batch.tensor(), List.of(halved))).get(0);
    assertThat(a.size()).isPositive().isLessThanOrEqualTo(20);
    assertThat(b.size()).isEqualTo(a.size());
    assertThat(b.boxes().toFloatArray()).containsExactly(a.boxes().mul(2).toFloatArray());
    assertThat(b.scores().toFloatArray()).containsExactly(a.scores().toFloatArray());
    assertThat(a.masks().getShape()).isEqualTo(new Shape(a.size(), same.oriH(), same.oriW()));
    assertThat(b.masks().getShape()).isEqualTo(new Shape(a.size(), 128, 192));
    assertThat(a.masks().getDataType()).isEqualTo(DataType.UINT8);
    assertThat(a.labels().toLongArray()).containsAnyOf(0L, 1L).doesNotContain(-1L, 2L);
  }

  @Test
  void aBatchPredictsWhatEachImageAlonePredicts() {
    TwoStageDetector d = TinyDetectors.initialised(m, n -> {});
    // Both pad to 64x96, so each image alone sees the same input as in the batch.
    ImageList batch = batch();
    List<Detections> together = d.predict(ps, batch);
    for (int i = 0; i < 2; i++) {
      ImageList alone =
          new ImageList(batch.tensor().get(i + ":" + (i + 1)), List.of(batch.metas().get(i)));
      Detections a = d.predict(ps, alone).get(0);
      Detections b = together.get(i);
      assertThat(b.size()).isEqualTo(a.size()).isPositive();
      assertThat(b.labels().toLongArray()).containsExactly(a.labels().toLongArray());
      assertThat(b.boxes().sub(a.boxes()).abs().max().getFloat()).isLessThan(1e-3f);
      assertThat(b.masks().getShape()).isEqualTo(a.masks().getShape());
    }
  }

  @Test
  void withEveryScoreBelowTheThresholdThereAreNoDetectionsAndNoMasks() {
    TwoStageDetector d =
        TinyDetectors.initialised(
            m, n -> ((ObjectNode) n.get("test_cfg").get("rcnn")).put("score_thr", 0.999));
    ImageList batch = batch();
    for (Detections det : d.predict(ps, batch)) {
      assertThat(det.size()).isZero();
      assertThat(det.boxes().getShape()).isEqualTo(new Shape(0, 4));
      assertThat(det.masks().getShape().get(0)).isZero();
    }
  }

  @Test
  void flippedTestImagesAreRejected() {
    TwoStageDetector d = TinyDetectors.initialised(m, n -> {});
    ImageList batch = TinyDetectors.images(m, new int[] {64, 96});
    ImageMeta flipped = new ImageMeta("f", 64, 96, 64, 96, 64, 96, 1, 1, true, 0, 0);
    assertThatThrownBy(() -> d.predict(ps, new ImageList(batch.tensor(), List.of(flipped))))
        .hasMessageContaining("flipped");
  }
}
