package org.mlpvision.detection.bbox;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import org.mlpvision.core.loss.Reduction;
import org.mlpvision.core.loss.SoftmaxCrossEntropy;
import org.mlpvision.detection.assign.SampledBoxes;
import org.mlpvision.detection.box.DeltaXywhCoder;
import org.mlpvision.detection.box.RegressionLoss;
import org.mlpvision.detection.config.LossConfig;
import org.mlpvision.nn.ConvModule;
import org.mlpvision.nn.Init;
import org.mlpvision.nn.Layer;
import org.mlpvision.nn.LayerList;
import org.mlpvision.nn.Linear;

/**
 * mmdet's {@code ConvFCBBoxHead} with shared branches (spec §4): {@code shared_convs} (3×3
 * ConvModules, BN when configured), flatten (channel-major), {@code shared_fcs} (FC + ReLU), then
 * {@code fc_cls} ({@code K+1} logits, background last) and {@code fc_reg} (4 or {@code 4K} deltas).
 * {@code Shared2FCBBoxHead} is this head with no convs and two FCs. Besides the forward it holds
 * the stage's box coder, its targets, losses and mmdet's {@code regress_by_class}.
 */
public final class BboxHead extends Layer {
  /**
   * The raw outputs on a set of RoIs.
   *
   * @param clsScore {@code (K, C+1)} logits
   * @param bboxPred {@code (K, 4)} or {@code (K, 4C)} deltas
   */
  public record Output(NDArray clsScore, NDArray bboxPred) {}

  /**
   * Training targets of the sampled RoIs of a batch (mmdet's {@code get_targets}).
   *
   * @param labels {@code (K)} int64: ground-truth label, {@code C} for negatives
   * @param labelWeights {@code (K)}
   * @param bboxTargets {@code (K,4)}: encoded deltas, or ground-truth boxes for decoded losses
   * @param bboxWeights {@code (K,4)}: 1 on positives
   */
  public record Targets(
      NDArray labels, NDArray labelWeights, NDArray bboxTargets, NDArray bboxWeights) {}

  /**
   * The stage's losses (unweighted by the stage weight).
   *
   * @param cls softmax cross-entropy over all samples
   * @param accuracy percent of samples whose top logit is their label (a diagnostic)
   * @param bbox box loss over the positives, divided by all samples
   */
  public record Losses(NDArray cls, double accuracy, NDArray bbox) {}

  private final ConvFcBboxHeadConfig config;
  private final LayerList<ConvModule> sharedConvs;
  private final LayerList<Linear> sharedFcs;
  private final Linear fcCls;
  private final Linear fcReg;
  private final DeltaXywhCoder coder;
  private final RegressionLoss boxLoss;

  BboxHead(ConvFcBboxHeadConfig c) {
    this.config = c;
    sharedConvs = addChildBlock("shared_convs", new LayerList<>());
    sharedFcs = addChildBlock("shared_fcs", new LayerList<>());
    int channels = c.inChannels();
    for (int i = 0; i < c.numSharedConvs(); i++) {
      ConvModule.Builder b =
          ConvModule.builder()
              .setChannels(channels, c.convOutChannels())
              .setKernel(3)
              .optPadding(1);
      sharedConvs.add((c.normCfg() != null ? b.optBatchNorm() : b).build());
      channels = c.convOutChannels();
    }
    int dim = channels * c.roiFeatSize() * c.roiFeatSize();
    for (int i = 0; i < c.numSharedFcs(); i++) {
      sharedFcs.add(new Linear(dim, c.fcOutChannels(), Init.xavierUniform()));
      dim = c.fcOutChannels();
    }
    fcCls = addChildBlock("fc_cls", new Linear(dim, c.numClasses() + 1, Init.normal(0.01)));
    int reg = c.regClassAgnostic() ? 4 : 4 * c.numClasses();
    fcReg = addChildBlock("fc_reg", new Linear(dim, reg, Init.normal(0.001)));
    coder = c.bboxCoder().build();
    boxLoss = new RegressionLoss(c.lossBbox());
  }

  /** The classification loss of a box head: softmax cross-entropy (the default when absent). */
  static LossConfig softmaxLoss(LossConfig c) {
    LossConfig l =
        c == null ? new LossConfig(LossConfig.CROSS_ENTROPY, null, null, null, null, null) : c;
    return l.requireCrossEntropy("loss_cls", false, false);
  }

  /** The box loss of a box head: GIoU needs decoded boxes, smooth L1 and L1 encoded deltas. */
  static LossConfig boxLoss(LossConfig c, boolean decoded) {
    LossConfig l =
        c == null ? new LossConfig(LossConfig.SMOOTH_L1, null, null, null, null, null) : c;
    l.require("loss_bbox", LossConfig.SMOOTH_L1, LossConfig.L1, LossConfig.GIOU);
    if (LossConfig.GIOU.equals(l.type()) != decoded) {
      throw new IllegalArgumentException(
          "reg_decoded_bbox must be true exactly when loss_bbox is GIoULoss, got "
              + decoded
              + " with "
              + l.type());
    }
    return l;
  }

  /** Foreground classes. */
  public int numClasses() {
    return config.numClasses();
  }

  /** The stage's delta coder. */
  public DeltaXywhCoder coder() {
    return coder;
  }

  /** Logits and deltas of pooled RoI features {@code (K, C, S, S)}. */
  public Output apply(ParameterStore ps, NDArray roiFeats, boolean training) {
    NDArray x = roiFeats;
    for (ConvModule c : sharedConvs.items()) {
      x = c.apply(ps, x, training);
    }
    x = x.reshape(x.getShape().get(0), -1);
    for (Linear fc : sharedFcs.items()) {
      x = Activation.relu(fc.apply(ps, x, training));
    }
    return new Output(fcCls.apply(ps, x, training), fcReg.apply(ps, x, training));
  }

  /** Each RoI's 4 deltas: its own row when class-agnostic, else the columns of {@code labels}. */
  public NDArray deltasOf(NDArray bboxPred, NDArray labels) {
    if (config.regClassAgnostic()) {
      return bboxPred;
    }
    long k = bboxPred.getShape().get(0);
    NDArray idx = labels.toType(DataType.INT64, false).reshape(k, 1, 1).repeat(2, 4);
    return bboxPred.reshape(k, -1, 4).gather(idx, 1).reshape(k, 4);
  }

  /**
   * mmdet's {@code regress_by_class}: each RoI moved by the deltas of its label, clipped to the
   * image.
   *
   * @param rois {@code (K,4)}
   * @param labels {@code (K)} int64 class per RoI
   * @param imgShape {@code {height, width}}
   */
  public NDArray regressByClass(NDArray rois, NDArray labels, NDArray bboxPred, long[] imgShape) {
    return coder.decode(rois, deltasOf(bboxPred, labels), imgShape);
  }

  /** Targets of the sampled RoIs of every image, images in order, positives before negatives. */
  public Targets targets(List<SampledBoxes> samples, double posWeight) {
    NDList labels = new NDList();
    NDList labelW = new NDList();
    NDList boxT = new NDList();
    NDList boxW = new NDList();
    for (SampledBoxes s : samples) {
      NDArray pos = s.posBoxes();
      long p = s.numPos();
      long q = s.numNeg();
      var m = pos.getManager();
      labels.add(s.posGtLabels());
      labels.add(m.full(new Shape(q), (long) numClasses(), DataType.INT64, pos.getDevice()));
      labelW.add(
          m.full(
              new Shape(p),
              posWeight > 0 ? (float) posWeight : 1f,
              DataType.FLOAT32,
              pos.getDevice()));
      labelW.add(m.ones(new Shape(q), DataType.FLOAT32, pos.getDevice()));
      boxT.add(config.regDecodedBbox() ? s.posGtBoxes() : coder.encode(pos, s.posGtBoxes()));
      boxT.add(m.zeros(new Shape(q, 4), pos.getDataType(), pos.getDevice()));
      boxW.add(m.ones(new Shape(p, 4), pos.getDataType(), pos.getDevice()));
      boxW.add(m.zeros(new Shape(q, 4), pos.getDataType(), pos.getDevice()));
    }
    return new Targets(
        NDArrays.concat(labels, 0),
        NDArrays.concat(labelW, 0),
        NDArrays.concat(boxT, 0),
        NDArrays.concat(boxW, 0));
  }

  /**
   * mmdet's {@code BBoxHead.loss}: cross-entropy averaged over the samples with positive weight;
   * the box loss of the positives (decoded against their RoIs without clipping for GIoU) divided by
   * the number of all samples; a graph-connected zero when there are no positives.
   *
   * @param rois {@code (K,5)} the sampled RoIs
   */
  public Losses loss(Output out, NDArray rois, Targets t) {
    NDArray labels = t.labels();
    long k = labels.getShape().get(0);
    double avg = Math.max(t.labelWeights().gt(0).sum().getLong(), 1);
    NDArray cls =
        SoftmaxCrossEntropy.loss(
            out.clsScore(),
            labels,
            SoftmaxCrossEntropy.NO_IGNORE,
            null,
            t.labelWeights().toType(out.clsScore().getDataType(), false),
            Reduction.MEAN,
            avg);
    cls = Reduction.scale(cls, config.lossCls().lossWeight());
    double acc = accuracy(out.clsScore(), labels);
    long[] pos = labels.lt(numClasses()).nonzero().reshape(-1).toLongArray();
    NDArray bbox;
    if (pos.length == 0) {
      bbox = out.bboxPred().get(labels.lt(numClasses())).sum();
    } else {
      NDArray idx = labels.getManager().create(pos).toDevice(labels.getDevice(), false);
      NDArray pred = deltasOf(out.bboxPred().get(idx), labels.get(idx));
      if (config.regDecodedBbox()) {
        pred = coder.decode(rois.get(idx).get(":, 1:5"), pred, null);
      }
      bbox = boxLoss.loss(pred, t.bboxTargets().get(idx), t.bboxWeights().get(idx), k);
    }
    return new Losses(cls, acc, bbox);
  }

  /** mmdet's {@code accuracy}: percent of rows whose arg-max logit is the label. */
  static double accuracy(NDArray logits, NDArray labels) {
    long n = labels.getShape().get(0);
    if (n == 0) {
      return 0;
    }
    NDArray hit = logits.argMax(1).toType(DataType.INT64, false).eq(labels);
    // In float32, as mmdet computes it.
    return (float) (hit.sum().getLong() * 100f) / (float) n;
  }

  /** Multiply-accumulates of the head on {@code k} RoIs. */
  public long macs(long k) {
    long macs = 0;
    int side = config.roiFeatSize();
    for (ConvModule c : sharedConvs.items()) {
      macs += c.conv().macs(side, side);
    }
    for (Linear fc : sharedFcs.items()) {
      macs += fc.macs();
    }
    return k * (macs + fcCls.macs() + fcReg.macs());
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    Output o = apply(ps, inputs.singletonOrThrow(), training);
    return new NDList(o.clsScore(), o.bboxPred());
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long k = inputShapes[0].get(0);
    return new Shape[] {new Shape(k, numClasses() + 1), new Shape(k, fcReg.outFeatures())};
  }
}
