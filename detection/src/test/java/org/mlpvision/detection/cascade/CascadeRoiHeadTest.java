package org.mlpvision.detection.cascade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.mlpvision.core.config.ConfigLoader;
import org.mlpvision.core.train.FixedStepContext;
import org.mlpvision.datasets.structures.GtInstances;
import org.mlpvision.datasets.structures.ImageList;
import org.mlpvision.detection.config.ComponentParser;
import org.mlpvision.detection.config.TrainCfg;
import org.mlpvision.detection.roi.RoiHeadConfig;
import org.mlpvision.detection.testing.Pyramids;
import org.mlpvision.detection.testing.TinyDetectors;

/**
 * The cascade's training losses on two tiny images with hand-made proposals (detectron2's {@code
 * test_roi_heads} style): with zero output layers every target and loss has a closed form that is
 * checked by hand; with fixed non-zero weights the losses are pinned.
 */
class CascadeRoiHeadTest {
  @AutoClose NDManager m = NDManager.newBaseManager();

  private final ParameterStore ps = new ParameterStore(m, false);
  private final ImageList batch = TinyDetectors.images(m, new int[] {64, 96}, new int[] {56, 80});

  private CascadeRoiHead head() {
    JsonNode model = TinyDetectors.modelNode();
    ComponentParser parser = TinyDetectors.factory().parser("tiny");
    CascadeRoiHead h =
        (CascadeRoiHead)
            parser
                .parse(RoiHeadConfig.class, model.get("roi_head"), "roi_head")
                .build(Pyramids.specs(8, 4, 8, 16, 32, 64), parser, "roi_head");
    h.initialize(m, DataType.FLOAT32, new Shape(1));
    return h;
  }

  private Map<String, NDArray> train(CascadeRoiHead h, FixedStepContext step) {
    List<NDArray> levels = new ArrayList<>();
    for (int stride = 4; stride <= 64; stride *= 2) {
      // A fixed pattern, so that the pinned values do not depend on a random generator.
      Shape s = new Shape(2, 8, (64 + stride - 1) / stride, (96 + stride - 1) / stride);
      levels.add(m.arange(0f, s.size()).mul(0.37f + stride).sin().reshape(s));
    }
    // Image 0: g0 = [8,8,40,40] (class 0), g1 = [50,10,90,50] (class 1). Proposals and their IoU:
    // p0 0.8 and p1 2/3 and p2 4/7 with g0 (each contains it), p3 none, p4 = g1.
    NDArray p0 =
        m.create(
            new float[] {8, 8, 40, 48, 8, 8, 40, 56, 8, 8, 40, 64, 60, 52, 90, 62, 50, 10, 90, 50},
            new Shape(5, 4));
    // Image 1: h0 = [4,20,44,52] (class 1). q0 contains it with IoU 8/9, q1 only touches it.
    NDArray p1 = m.create(new float[] {4, 20, 44, 56, 30, 0, 60, 20}, new Shape(2, 4));
    List<GtInstances> gts =
        List.of(
            TinyDetectors.boxes(
                m, batch, new float[] {8, 8, 40, 40, 50, 10, 90, 50}, new long[] {0, 1}),
            TinyDetectors.boxes(m, batch, new float[] {4, 20, 44, 52}, new long[] {1}));
    JsonNode cfg = TinyDetectors.modelNode().get("train_cfg");
    TrainCfg train = ConfigLoader.bind(cfg, TrainCfg.class, "tiny", "train_cfg");
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      Map<String, NDArray> losses =
          h.forwardTrain(ps, levels, List.of(p0, p1), batch.metas(), gts, train.rcnn(), step);
      gc.backward(losses.values().stream().reduce(NDArray::add).orElseThrow());
      return losses;
    }
  }

  @Test
  void zeroOutputLayersGiveHandCheckedTargetsAndLosses() {
    CascadeRoiHead h = head();
    org.mlpvision.core.weights.ParameterNames.of(h)
        .forEach(
            (k, p) -> {
              if (k.contains("fc_cls") || k.contains("fc_reg") || k.contains("conv_logits")) {
                p.getArray().set(new float[Math.toIntExact(p.getArray().size())]);
              }
            });
    FixedStepContext step = new FixedStepContext(0, new Random(0));
    Map<String, NDArray> l = train(h, step);
    // Sampled (positives incl. the 3 ground truths, negatives) per stage, at IoU 0.5 / 0.6 / 0.7;
    // zero deltas leave every box where it was, so only the threshold changes between stages.
    double[][] counts = {{8, 2, 3}, {7, 3, 3}, {6, 4, 3}};
    // Samples whose label is class 0 (the arg-max of uniform logits): g0, p0, p1, p2 / g0, p0, p1
    // / g0, p0, out of 10 samples.
    double[] acc = {40, 30, 20};
    // Σ(1 - GIoU) of the positives that are not ground truths: each contains its ground truth, so
    // GIoU = IoU: p0 0.2, p1 1/3, p2 3/7, p4 0, q0 1/9; times 10, over the 10 samples.
    double[] giou = {0.2 + 1 / 3.0 + 3 / 7.0 + 1 / 9.0, 0.2 + 1 / 3.0 + 1 / 9.0, 0.2 + 1 / 9.0};
    double[] w = {1, 0.5, 0.25};
    for (int s = 0; s < 3; s++) {
      String p = "s" + s + ".";
      Map<String, Double> sc = step.scalars();
      assertThat(
              new double[] {sc.get(p + "num_pos"), sc.get(p + "num_neg"), sc.get(p + "num_pos_gt")})
          .as(p + "counts")
          .containsExactly(counts[s]);
      assertThat(sc.get(p + "acc")).as(p + "acc").isCloseTo(acc[s], within(1e-4));
      assertThat(l.get(p + "loss_cls").getFloat())
          .as(p + "loss_cls")
          .isCloseTo((float) (w[s] * Math.log(3)), within(1e-6f));
      assertThat(l.get(p + "loss_bbox").getFloat())
          .as(p + "loss_bbox")
          .isCloseTo((float) (w[s] * 10 * giou[s] / 10), within(1e-5f));
      assertThat(l.get(p + "loss_mask").getFloat())
          .as(p + "loss_mask")
          .isCloseTo((float) (w[s] * Math.log(2)), within(1e-6f));
    }
  }

  @Test
  void lossesWithFixedWeightsArePinned() {
    CascadeRoiHead h = head();
    TinyDetectors.fillDeterministically(h);
    FixedStepContext step = new FixedStepContext(0, new Random(0));
    Map<String, NDArray> l = train(h, step);
    // Values of this implementation after it matched mmdet's golden training case; they change
    // only when the training semantics do.
    Map<String, Double> pinned =
        Map.of(
            "s0.loss_cls", 1.1857613,
            "s0.loss_bbox", 1.7023717,
            "s0.loss_mask", 0.74563277,
            "s1.loss_cls", 0.54838437,
            "s1.loss_bbox", 0.59436524,
            "s1.loss_mask", 0.40973654,
            "s2.loss_cls", 0.26482108,
            "s2.loss_bbox", 0.17629056,
            "s2.loss_mask", 0.1481738);
    assertThat(step.scalars())
        .containsEntry("s0.num_pos", 8.0)
        .containsEntry("s1.num_pos", 7.0)
        .containsEntry("s2.num_pos", 6.0)
        .containsEntry("s0.acc", 20.0)
        .containsEntry("s2.acc", 40.0);
    pinned.forEach(
        (k, v) ->
            assertThat((double) l.get(k).getFloat())
                .as(k)
                .isCloseTo(v, within(1e-4 * Math.abs(v) + 1e-6)));
  }
}
