package org.mlpvision.detection.detector;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlpvision.backbone.Backbone;
import org.mlpvision.core.train.LossTerms;
import org.mlpvision.core.train.StepContext;
import org.mlpvision.datasets.structures.Detections;
import org.mlpvision.datasets.structures.GtInstances;
import org.mlpvision.datasets.structures.ImageList;
import org.mlpvision.datasets.transform.ImageMeta;
import org.mlpvision.detection.Detector;
import org.mlpvision.detection.config.TestCfg;
import org.mlpvision.detection.config.TrainCfg;
import org.mlpvision.detection.neck.Neck;
import org.mlpvision.detection.roi.RoiHead;
import org.mlpvision.detection.rpn.RpnHead;
import org.mlpvision.detection.rpn.RpnOutputs;
import org.mlpvision.nn.Layer;

/**
 * mmdet's {@code TwoStageDetector} (Cascade R-CNN is one): backbone, neck, RPN head and RoI head as
 * children named {@code backbone}, {@code neck}, {@code rpn_head} and {@code roi_head}, so its
 * parameters carry mmdet's state-dict names. Training follows {@code forward_train}: RPN losses,
 * proposals from the detached RPN outputs ({@code train_cfg.rpn_proposal}), RoI head losses.
 * Inference follows {@code simple_test} with {@code rescale=True}.
 */
public final class TwoStageDetector extends Layer implements Detector {
  private final Neck neck;
  private final RpnHead rpnHead;
  private final RoiHead roiHead;
  private final TrainCfg trainCfg;
  private final TestCfg testCfg;

  /**
   * What one test forward produced, for callers that inspect more than the detections.
   *
   * @param levels the neck's outputs, fine to coarse
   * @param rpn the RPN head's raw outputs
   * @param proposals per image {@code (K,5)} proposals
   * @param roi the RoI head's detections and intermediates
   */
  public record TestOutputs(
      List<NDArray> levels, RpnOutputs rpn, List<NDArray> proposals, RoiHead.TestResult roi) {}

  TwoStageDetector(
      Neck neck, RpnHead rpnHead, RoiHead roiHead, TrainCfg trainCfg, TestCfg testCfg) {
    this.neck = neck;
    this.rpnHead = rpnHead;
    this.roiHead = roiHead;
    this.trainCfg = trainCfg;
    this.testCfg = testCfg;
    addChildBlock("backbone", neck.bottomUp());
    addChildBlock("neck", neck);
    addChildBlock("rpn_head", rpnHead);
    addChildBlock("roi_head", roiHead);
  }

  /** The bottom-up backbone. */
  public Backbone backbone() {
    return neck.bottomUp();
  }

  /** The neck (itself a backbone over {@link #backbone()}). */
  public Neck neck() {
    return neck;
  }

  @Override
  public int numClasses() {
    return roiHead.numClasses();
  }

  /** Whether the detector predicts masks (and trains on ground-truth masks). */
  public boolean withMask() {
    return roiHead.withMask();
  }

  @Override
  public LossTerms losses(
      ParameterStore ps, ImageList images, List<GtInstances> targets, StepContext step) {
    if (trainCfg == null) {
      throw new IllegalStateException("the model has no train_cfg: it cannot compute losses");
    }
    if (targets.size() != images.size()) {
      throw new IllegalArgumentException(
          "need one target per image, got " + targets.size() + " for " + images.size());
    }
    NDManager m = images.tensor().getManager();
    List<NDArray> levels = levels(ps, images.tensor(), true);
    RpnOutputs rpn = rpnHead.apply(ps, levels, true);
    RpnHead.Losses rpnLosses =
        rpnHead.losses(m, rpn, images.metas(), targets, trainCfg.rpn(), step.random());
    step.scalar("rpn.num_pos", rpnLosses.numPos());
    step.scalar("rpn.num_neg", rpnLosses.numNeg());
    List<NDArray> proposals = rpnHead.proposals(m, rpn, images.metas(), trainCfg.rpnProposal());
    step.scalar("num_proposals", proposals.stream().mapToLong(p -> p.getShape().get(0)).sum());
    Map<String, NDArray> terms = new LinkedHashMap<>();
    terms.put("loss_rpn_cls", rpnLosses.cls());
    terms.put("loss_rpn_bbox", rpnLosses.bbox());
    terms.putAll(
        roiHead.forwardTrain(
            ps, levels, proposals, images.metas(), targets, trainCfg.rcnn(), step));
    return new LossTerms(terms);
  }

  @Override
  public List<Detections> predict(ParameterStore ps, ImageList images) {
    return simpleTest(ps, images).roi().detections();
  }

  /**
   * The whole test forward. Images must come from mmdet's test pipeline: resized and padded, never
   * flipped or cropped.
   */
  public TestOutputs simpleTest(ParameterStore ps, ImageList images) {
    if (testCfg == null) {
      throw new IllegalStateException("the model has no test_cfg: it cannot predict");
    }
    for (ImageMeta meta : images.metas()) {
      if (meta.flipped() || meta.cropX() != 0 || meta.cropY() != 0) {
        throw new IllegalArgumentException(
            "test images must not be flipped or cropped (image " + meta.id() + ")");
      }
    }
    NDManager m = images.tensor().getManager();
    List<NDArray> levels;
    RpnOutputs rpn;
    List<NDArray> proposals;
    // The backbone's and RPN's activations are freed at once; only their outputs are kept.
    try (NDScope scope = new NDScope()) {
      levels = levels(ps, images.tensor(), false);
      rpn = rpnHead.apply(ps, levels, false);
      proposals = rpnHead.proposals(m, rpn, images.metas(), testCfg.rpn());
      levels.forEach(NDScope::unregister);
      rpn.cls().forEach(NDScope::unregister);
      rpn.reg().forEach(NDScope::unregister);
      proposals.forEach(NDScope::unregister);
    }
    RoiHead.TestResult roi =
        roiHead.simpleTest(ps, levels, proposals, images.metas(), testCfg.rcnn());
    return new TestOutputs(levels, rpn, proposals, roi);
  }

  private List<NDArray> levels(ParameterStore ps, NDArray images, boolean training) {
    return new ArrayList<>(neck.extract(ps, images, training).maps().values());
  }

  /**
   * Multiply-accumulates of one forward on an {@code height × width} image: backbone, neck, RPN,
   * and the RoI heads on the given RoI counts (RoI pooling and NMS are not counted).
   *
   * @param stageRois RoIs each box-head stage ran on
   * @param maskRois RoIs each mask-head stage ran on
   */
  public long macs(long height, long width, long[] stageRois, long[] maskRois) {
    return neck.macs(height, width)
        + rpnHead.macs(neck.outputSizes(height, width))
        + roiHead.macs(stageRois, maskRois);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    throw new UnsupportedOperationException(
        "a detector needs image metas: call predict or losses with an ImageList");
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    throw new UnsupportedOperationException("a detector's outputs depend on its detections");
  }
}
