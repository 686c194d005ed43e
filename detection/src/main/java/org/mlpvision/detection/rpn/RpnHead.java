package org.mlpvision.detection.rpn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.mlpvision.core.loss.Reduction;
import org.mlpvision.core.loss.SigmoidBce;
import org.mlpvision.datasets.structures.GtInstances;
import org.mlpvision.datasets.transform.ImageMeta;
import org.mlpvision.detection.anchor.AnchorGenerator;
import org.mlpvision.detection.box.RegressionLoss;
import org.mlpvision.detection.config.ProposalConfig;
import org.mlpvision.detection.config.RpnTrainConfig;
import org.mlpvision.nn.Conv;
import org.mlpvision.nn.Init;
import org.mlpvision.nn.Layer;

/**
 * mmdet's {@code RPNHead} (spec §2): per level a shared 3×3 conv + ReLU, then {@code rpn_cls} (one
 * sigmoid logit per anchor) and {@code rpn_reg} (four deltas per anchor); weights N(0, 0.01), zero
 * bias. Besides the forward it turns its outputs into proposals ({@link #proposals}) and into the
 * training losses ({@link #losses}).
 */
public final class RpnHead extends Layer {
  private final AnchorGenerator anchors;
  private final Conv rpnConv;
  private final Conv rpnCls;
  private final Conv rpnReg;
  private final RegressionLoss bboxLoss;
  private final double clsLossWeight;
  private final StandardRpnHeadConfig config;

  RpnHead(StandardRpnHeadConfig config, AnchorGenerator anchors) {
    this.config = config;
    this.anchors = anchors;
    int a = anchors.anchorsPerCell();
    Init init = Init.normal(0.01);
    rpnConv =
        addChildBlock(
            "rpn_conv",
            Conv.builder()
                .setChannels(config.inChannels(), config.featChannels())
                .setKernel(3)
                .optPadding(1)
                .optInit(init)
                .build());
    rpnCls = addChildBlock("rpn_cls", Conv.pointwise(config.featChannels(), a, true, init));
    rpnReg = addChildBlock("rpn_reg", Conv.pointwise(config.featChannels(), 4 * a, true, init));
    bboxLoss = new RegressionLoss(config.lossBbox());
    clsLossWeight = config.lossCls().lossWeight();
  }

  /** The anchor generator (one level per neck output). */
  public AnchorGenerator anchorGenerator() {
    return anchors;
  }

  /** The raw outputs on every level. */
  public RpnOutputs apply(ParameterStore ps, List<NDArray> levels, boolean training) {
    if (levels.size() != anchors.numLevels()) {
      throw new IllegalArgumentException(
          "the RPN has " + anchors.numLevels() + " levels, got " + levels.size());
    }
    List<NDArray> cls = new ArrayList<>();
    List<NDArray> reg = new ArrayList<>();
    for (NDArray x : levels) {
      NDArray h = Activation.relu(rpnConv.apply(ps, x, training));
      cls.add(rpnCls.apply(ps, h, training));
      reg.add(rpnReg.apply(ps, h, training));
    }
    return new RpnOutputs(cls, reg);
  }

  /** Every level's anchors for these outputs, {@code (H·W·A, 4)} each. */
  public List<NDArray> gridAnchors(NDManager manager, RpnOutputs out) {
    List<NDArray> result = new ArrayList<>();
    for (int l = 0; l < out.cls().size(); l++) {
      Shape s = out.cls().get(l).getShape();
      result.add(anchors.gridAnchors(manager, l, s.get(2), s.get(3), out.cls().get(l).getDevice()));
    }
    return result;
  }

  /**
   * Proposals of every image (detached from the graph, as mmdet's {@code get_bboxes}).
   *
   * @return per image {@code (K,5)} rows {@code x1 y1 x2 y2 score}, by descending score
   */
  public List<NDArray> proposals(
      NDManager manager, RpnOutputs out, List<ImageMeta> metas, ProposalConfig cfg) {
    List<NDArray> grid = gridAnchors(manager, out);
    ProposalGenerator generator = cfg.build();
    List<NDArray> result = new ArrayList<>();
    for (int i = 0; i < metas.size(); i++) {
      List<NDArray> logits = new ArrayList<>();
      List<NDArray> deltas = new ArrayList<>();
      for (int l = 0; l < grid.size(); l++) {
        logits.add(out.flatLogits(l, i));
        deltas.add(out.flatDeltas(l, i));
      }
      ImageMeta meta = metas.get(i);
      result.add(generator.apply(logits, deltas, grid, new long[] {meta.imgH(), meta.imgW()}));
    }
    return result;
  }

  /** The RPN losses of a batch and the sampled anchor counts. */
  public record Losses(NDArray cls, NDArray bbox, int numPos, int numNeg) {}

  /**
   * mmdet's {@code AnchorHead.loss}: per image anchor targets (valid inside its own pad shape,
   * inside its image), sigmoid BCE over the sampled anchors and the box loss over the positives,
   * both divided by {@code Σ max(#pos,1) + Σ max(#neg,1)}.
   */
  public Losses losses(
      NDManager manager,
      RpnOutputs out,
      List<ImageMeta> metas,
      List<GtInstances> targets,
      RpnTrainConfig cfg,
      Random rng) {
    List<NDArray> grid = gridAnchors(manager, out);
    NDArray allAnchors = NDArrays.concat(new NDList(grid), 0);
    RpnTargets rule =
        new RpnTargets(
            cfg.assigner().build(),
            cfg.sampler().build(),
            config.bboxCoder().build(),
            cfg.allowedBorder(),
            cfg.posWeight());
    AnchorTargets[] t = new AnchorTargets[metas.size()];
    NDList logits = new NDList();
    NDList deltas = new NDList();
    int numPos = 0;
    int numNeg = 0;
    for (int i = 0; i < metas.size(); i++) {
      ImageMeta meta = metas.get(i);
      NDList valid = new NDList();
      for (int l = 0; l < grid.size(); l++) {
        Shape s = out.cls().get(l).getShape();
        valid.add(
            anchors.validFlags(
                manager, l, s.get(2), s.get(3), meta.padH(), meta.padW(), allAnchors.getDevice()));
        logits.add(out.flatLogits(l, i));
        deltas.add(out.flatDeltas(l, i));
      }
      NDArray gt = targets.get(i).boxes().toType(allAnchors.getDataType(), false);
      t[i] =
          rule.compute(
              allAnchors,
              NDArrays.concat(valid, 0),
              gt,
              new long[] {meta.imgH(), meta.imgW()},
              rng);
      numPos += t[i].numPos();
      numNeg += t[i].numNeg();
    }
    double avg = RpnTargets.avgFactor(t);
    NDArray clsTarget = concat(t, AnchorTargets::labels).eq(0).toType(DataType.FLOAT32, false);
    NDArray logit = NDArrays.concat(logits, 0);
    NDArray cls =
        SigmoidBce.loss(
            logit,
            clsTarget.toType(logit.getDataType(), false),
            concat(t, AnchorTargets::labelWeights),
            Reduction.MEAN,
            avg);
    NDArray bbox =
        bboxLoss.loss(
            NDArrays.concat(deltas, 0),
            concat(t, AnchorTargets::bboxTargets),
            concat(t, AnchorTargets::bboxWeights),
            avg);
    return new Losses(Reduction.scale(cls, clsLossWeight), bbox, numPos, numNeg);
  }

  private static NDArray concat(
      AnchorTargets[] t, java.util.function.Function<AnchorTargets, NDArray> part) {
    NDList list = new NDList();
    for (AnchorTargets a : t) {
      list.add(part.apply(a));
    }
    return NDArrays.concat(list, 0);
  }

  /** Multiply-accumulates of the head on levels of the given sizes ({@code {H, W}} each). */
  public long macs(List<long[]> sizes) {
    long macs = 0;
    for (long[] s : sizes) {
      macs += rpnConv.macs(s[0], s[1]) + rpnCls.macs(s[0], s[1]) + rpnReg.macs(s[0], s[1]);
    }
    return macs;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    RpnOutputs out = apply(ps, inputs, training);
    NDList list = new NDList(out.cls());
    list.addAll(out.reg());
    return list;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    int a = anchors.anchorsPerCell();
    Shape[] out = new Shape[2 * inputShapes.length];
    for (int i = 0; i < inputShapes.length; i++) {
      Shape s = inputShapes[i];
      out[i] = new Shape(s.get(0), a, s.get(2), s.get(3));
      out[inputShapes.length + i] = new Shape(s.get(0), 4L * a, s.get(2), s.get(3));
    }
    return out;
  }
}
