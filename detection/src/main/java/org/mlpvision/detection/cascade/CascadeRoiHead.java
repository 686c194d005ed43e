package org.mlpvision.detection.cascade;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import java.util.Map;
import org.mlpvision.core.train.StepContext;
import org.mlpvision.datasets.structures.GtInstances;
import org.mlpvision.datasets.transform.ImageMeta;
import org.mlpvision.detection.bbox.BboxHead;
import org.mlpvision.detection.config.RcnnTestConfig;
import org.mlpvision.detection.config.RcnnTrainConfig;
import org.mlpvision.detection.mask.FcnMaskHead;
import org.mlpvision.detection.roi.FpnRoiExtractor;
import org.mlpvision.detection.roi.RoiHead;
import org.mlpvision.nn.Layer;
import org.mlpvision.nn.LayerList;

/**
 * mmdet's {@code CascadeRoIHead} (spec §4, §5): stages of RoI pooling and box heads, each refining
 * the previous stage's boxes, with one mask head per stage. Children carry mmdet's names ({@code
 * bbox_head.0.shared_convs.0.conv.weight}, {@code mask_head.2.upsample.weight}). The test path is
 * {@link CascadeInference}, the training path {@link CascadeTraining}.
 */
public final class CascadeRoiHead extends Layer implements RoiHead {
  private final FpnRoiExtractor bboxExtractor;
  private final LayerList<BboxHead> bboxHeads;
  private final FpnRoiExtractor maskExtractor;
  private final LayerList<FcnMaskHead> maskHeads;
  private final double[] stageLossWeights;

  CascadeRoiHead(
      FpnRoiExtractor bboxExtractor,
      List<BboxHead> bbox,
      FpnRoiExtractor maskExtractor,
      List<FcnMaskHead> masks,
      double[] stageLossWeights) {
    this.bboxExtractor = bboxExtractor;
    this.maskExtractor = maskExtractor;
    this.stageLossWeights = stageLossWeights.clone();
    bboxHeads = addChildBlock("bbox_head", new LayerList<>());
    bbox.forEach(bboxHeads::add);
    maskHeads = masks.isEmpty() ? null : addChildBlock("mask_head", new LayerList<>());
    masks.forEach(h -> maskHeads.add(h));
  }

  /** Number of stages. */
  public int numStages() {
    return bboxHeads.size();
  }

  @Override
  public boolean withMask() {
    return maskHeads != null;
  }

  BboxHead bboxHead(int stage) {
    return bboxHeads.get(stage);
  }

  FcnMaskHead maskHead(int stage) {
    return maskHeads.get(stage);
  }

  FpnRoiExtractor bboxExtractor() {
    return bboxExtractor;
  }

  FpnRoiExtractor maskExtractor() {
    return maskExtractor;
  }

  double stageLossWeight(int stage) {
    return stageLossWeights[stage];
  }

  @Override
  public int numClasses() {
    return bboxHeads.get(0).numClasses();
  }

  @Override
  public TestResult simpleTest(
      ParameterStore ps,
      List<NDArray> levels,
      List<NDArray> proposals,
      List<ImageMeta> metas,
      RcnnTestConfig cfg) {
    return new CascadeInference(this, ps, levels, metas, cfg).run(proposals);
  }

  @Override
  public Map<String, NDArray> forwardTrain(
      ParameterStore ps,
      List<NDArray> levels,
      List<NDArray> proposals,
      List<ImageMeta> metas,
      List<GtInstances> targets,
      List<RcnnTrainConfig> cfg,
      StepContext step) {
    if (cfg.size() != numStages()) {
      throw new IllegalArgumentException(
          "train_cfg.rcnn needs one entry per stage (" + numStages() + "), got " + cfg.size());
    }
    return new CascadeTraining(this, ps, levels, metas, targets, cfg, step).run(proposals);
  }

  /**
   * mmdet's {@code bbox2roi}: per-image boxes {@code (K_i, >=4)} stacked with their image index in
   * front, {@code (ΣK_i, 5)}.
   */
  static NDArray toRois(List<NDArray> boxes) {
    NDList parts = new NDList();
    for (int i = 0; i < boxes.size(); i++) {
      NDArray b = boxes.get(i).get(":, 0:4");
      NDArray idx =
          b.getManager()
              .full(new Shape(b.getShape().get(0), 1), (float) i, b.getDataType(), b.getDevice());
      parts.add(NDArrays.concat(new NDList(idx, b), 1));
    }
    return NDArrays.concat(parts, 0);
  }

  @Override
  public long macs(long[] stageRois, long[] maskRois) {
    long macs = 0;
    for (int s = 0; s < numStages(); s++) {
      macs += bboxHeads.get(s).macs(stageRois[s]);
      if (maskHeads != null) {
        macs += maskHeads.get(s).macs(maskRois[s]);
      }
    }
    return macs;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    throw new UnsupportedOperationException(
        "a RoI head runs through simpleTest or forwardTrain, which need image metas");
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    throw new UnsupportedOperationException("a RoI head's outputs depend on its proposals");
  }
}
