package org.mlpvision.detection.cascade;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlpvision.core.loss.Reduction;
import org.mlpvision.core.train.StepContext;
import org.mlpvision.datasets.structures.GtInstances;
import org.mlpvision.datasets.transform.ImageMeta;
import org.mlpvision.detection.assign.AssignResult;
import org.mlpvision.detection.assign.MaxIouAssigner;
import org.mlpvision.detection.assign.RandomSampler;
import org.mlpvision.detection.assign.SampledBoxes;
import org.mlpvision.detection.bbox.BboxHead;
import org.mlpvision.detection.config.RcnnTrainConfig;
import org.mlpvision.detection.mask.MaskTargets;
import org.mlpvision.detection.roi.FeatureTables;

/**
 * mmdet's {@code CascadeRoIHead.forward_train} (spec §4.2, §5): for each stage,
 *
 * <ol>
 *   <li>assign the stage's proposals to the ground truths and sample them, the ground truths
 *       prepended as proposals;
 *   <li>pool the sampled RoIs (positives, then negatives, image by image), run the box head, and
 *       compute its losses; the mask head runs on the stage's positive RoIs against mask targets
 *       cut from the ground-truth masks;
 *   <li>multiply every loss by the stage weight ({@code s<i>.loss_cls}, ...);
 *   <li>without gradient, move each sampled RoI by the deltas of its label (the ground truth's for
 *       positives, the arg-max foreground class for negatives), clip it to the image, and drop the
 *       ground-truth rows: these are the next stage's proposals.
 * </ol>
 *
 * Sampled counts and accuracies go to the step's scalars. One instance runs one batch.
 */
final class CascadeTraining {
  private final CascadeRoiHead head;
  private final ParameterStore ps;
  private final FeatureTables tables;
  private final List<ImageMeta> metas;
  private final List<GtInstances> targets;
  private final List<RcnnTrainConfig> cfg;
  private final StepContext step;
  private final Map<String, NDArray> losses = new LinkedHashMap<>();

  CascadeTraining(
      CascadeRoiHead head,
      ParameterStore ps,
      List<NDArray> levels,
      List<ImageMeta> metas,
      List<GtInstances> targets,
      List<RcnnTrainConfig> cfg,
      StepContext step) {
    this.head = head;
    this.ps = ps;
    this.tables = FeatureTables.of(levels);
    this.metas = metas;
    this.targets = targets;
    this.cfg = cfg;
    this.step = step;
  }

  Map<String, NDArray> run(List<NDArray> proposals) {
    List<NDArray> current = new ArrayList<>();
    for (NDArray p : proposals) {
      current.add(p.get(":, 0:4"));
    }
    for (int s = 0; s < head.numStages(); s++) {
      String prefix = "s" + s + ".";
      List<SampledBoxes> samples = sample(s, current);
      NDArray rois = CascadeRoiHead.toRois(samples.stream().map(SampledBoxes::boxes).toList());
      BboxHead h = head.bboxHead(s);
      BboxHead.Output out = h.apply(ps, head.bboxExtractor().apply(tables, rois), true);
      BboxHead.Targets t = h.targets(samples, cfg.get(s).posWeight());
      BboxHead.Losses l = h.loss(out, rois, t);
      double w = head.stageLossWeight(s);
      losses.put(prefix + "loss_cls", Reduction.scale(l.cls(), w));
      losses.put(prefix + "loss_bbox", Reduction.scale(l.bbox(), w));
      step.scalar(prefix + "acc", l.accuracy());
      if (head.withMask()) {
        losses.put(prefix + "loss_mask", Reduction.scale(maskLoss(s, samples), w));
      }
      report(prefix, samples);
      if (s < head.numStages() - 1) {
        current = refine(h, rois, out, t.labels(), samples);
      }
    }
    return losses;
  }

  private List<SampledBoxes> sample(int stage, List<NDArray> proposals) {
    MaxIouAssigner assigner = cfg.get(stage).assigner().build();
    RandomSampler sampler = cfg.get(stage).sampler().build();
    List<SampledBoxes> out = new ArrayList<>();
    for (int i = 0; i < proposals.size(); i++) {
      GtInstances gt = targets.get(i);
      NDArray p = proposals.get(i);
      NDArray gtBoxes = gt.boxes().toType(p.getDataType(), false);
      AssignResult a = assigner.assign(p, gtBoxes, gt.labels());
      out.add(SampledBoxes.of(sampler.sample(a, step.random()), p, gtBoxes, gt.labels()));
    }
    return out;
  }

  private NDArray maskLoss(int stage, List<SampledBoxes> samples) {
    int size = cfg.get(stage).maskSize();
    MaskTargets maskTargets = new MaskTargets(size);
    NDList posBoxes = new NDList();
    NDList maskT = new NDList();
    NDList labels = new NDList();
    for (int i = 0; i < samples.size(); i++) {
      SampledBoxes s = samples.get(i);
      posBoxes.add(s.posBoxes());
      labels.add(s.posGtLabels());
      maskT.add(maskTargets.compute(ownPadded(i), s.posBoxes(), s.posGtInds()));
    }
    NDArray rois = CascadeRoiHead.toRois(posBoxes);
    NDArray logits = head.maskHead(stage).apply(ps, head.maskExtractor().apply(tables, rois), true);
    return head.maskHead(stage).loss(logits, NDArrays.concat(maskT, 0), NDArrays.concat(labels, 0));
  }

  /**
   * Image {@code i}'s ground-truth masks at its own padded size (mmdet pads each image's masks to
   * its {@code pad_shape}, not to the batch's), which decides how RoIAlign treats the far border.
   */
  private NDArray ownPadded(int i) {
    NDArray m = targets.get(i).masks();
    if (m == null) {
      throw new IllegalArgumentException(
          "the mask heads need ground-truth masks (image " + i + ")");
    }
    ImageMeta meta = metas.get(i);
    long h = m.getShape().get(1);
    long w = m.getShape().get(2);
    if (h < meta.padH() || w < meta.padW()) {
      throw new IllegalArgumentException(
          "ground-truth masks of image "
              + i
              + " are "
              + h
              + "x"
              + w
              + ", smaller than its padded size "
              + meta.padH()
              + "x"
              + meta.padW());
    }
    return m.get(":, 0:" + meta.padH() + ", 0:" + meta.padW());
  }

  private void report(String prefix, List<SampledBoxes> samples) {
    int pos = 0;
    int neg = 0;
    int gt = 0;
    for (SampledBoxes s : samples) {
      pos += s.numPos();
      neg += s.numNeg();
      gt += s.numPosGt();
    }
    step.scalar(prefix + "num_pos", pos);
    step.scalar(prefix + "num_neg", neg);
    step.scalar(prefix + "num_pos_gt", gt);
  }

  /** mmdet's {@code refine_bboxes}, without gradient: next stage's proposals per image. */
  private List<NDArray> refine(
      BboxHead h, NDArray rois, BboxHead.Output out, NDArray labels, List<SampledBoxes> samples) {
    int k = h.numClasses();
    NDArray cls = out.clsScore().stopGradient();
    NDArray pred = out.bboxPred().stopGradient();
    NDArray argmax = cls.get(":, 0:" + k).argMax(1).toType(DataType.INT64, false);
    NDArray roiLabels = NDArrays.where(labels.eq(k), argmax, labels);
    List<NDArray> next = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < samples.size(); i++) {
      SampledBoxes s = samples.get(i);
      int n = s.numPos() + s.numNeg();
      String range = from + ":" + (from + n);
      NDArray moved =
          h.regressByClass(
              rois.get(range).get(":, 1:5").stopGradient(),
              roiLabels.get(range),
              pred.get(range),
              CascadeInference.imgShape(metas.get(i)));
      next.add(moved.get(keepRows(s, n, moved)));
      from += n;
    }
    return next;
  }

  /** Indices of the rows that are not ground truths added as proposals. */
  private static NDArray keepRows(SampledBoxes s, int n, NDArray like) {
    boolean[] isGt = s.posIsGt();
    long[] keep = new long[n - s.numPosGt()];
    int q = 0;
    for (int r = 0; r < n; r++) {
      if (r >= isGt.length || !isGt[r]) {
        keep[q++] = r;
      }
    }
    return like.getManager().create(keep).toDevice(like.getDevice(), false);
  }
}
