package org.mlpvision.detection.cascade;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlpvision.datasets.structures.Detections;
import org.mlpvision.datasets.transform.ImageMeta;
import org.mlpvision.detection.bbox.BboxHead;
import org.mlpvision.detection.config.RcnnTestConfig;
import org.mlpvision.detection.mask.FcnMaskHead;
import org.mlpvision.detection.mask.MaskPaster;
import org.mlpvision.detection.nms.MulticlassNms;
import org.mlpvision.detection.roi.FeatureTables;
import org.mlpvision.detection.roi.RoiHead;

/**
 * mmdet's {@code CascadeRoIHead.simple_test} with {@code rescale=True} (spec §4.3, §5, §6):
 *
 * <ol>
 *   <li>each stage pools its RoIs and runs its box head; between stages every RoI moves by the
 *       deltas of its arg-max foreground class, clipped to the image;
 *   <li>scores are the softmax of the mean of the stages' logits; boxes are the last stage's
 *       class-specific deltas on its RoIs, clipped to the image, then divided by the scale factor
 *       (original coordinates) before the per-class NMS;
 *   <li>every mask head runs on the detections mapped back to input coordinates; the mean of their
 *       sigmoids, at the detected class, is pasted into the original image and thresholded.
 * </ol>
 *
 * One instance runs one batch.
 */
final class CascadeInference {
  private final CascadeRoiHead head;
  private final ParameterStore ps;
  private final FeatureTables tables;
  private final List<ImageMeta> metas;
  private final RcnnTestConfig cfg;
  private final Map<String, NDArray> trace = new LinkedHashMap<>();

  CascadeInference(
      CascadeRoiHead head,
      ParameterStore ps,
      List<NDArray> levels,
      List<ImageMeta> metas,
      RcnnTestConfig cfg) {
    this.head = head;
    this.ps = ps;
    this.tables = FeatureTables.of(levels);
    this.metas = metas;
    this.cfg = cfg;
  }

  RoiHead.TestResult run(List<NDArray> proposals) {
    int[] counts = proposals.stream().mapToInt(p -> Math.toIntExact(p.getShape().get(0))).toArray();
    NDArray rois = CascadeRoiHead.toRois(proposals);
    NDArray logitSum = null;
    BboxHead.Output out = null;
    int last = head.numStages() - 1;
    for (int s = 0; s <= last; s++) {
      // A stage's activations are freed when it ends; only its outputs are kept.
      try (NDScope scope = new NDScope()) {
        BboxHead h = head.bboxHead(s);
        out = h.apply(ps, head.bboxExtractor().apply(tables, rois), false);
        trace.put("stage" + s + ".rois", rois);
        trace.put("stage" + s + ".cls_score", out.clsScore());
        trace.put("stage" + s + ".bbox_pred", out.bboxPred());
        logitSum = logitSum == null ? out.clsScore() : logitSum.add(out.clsScore());
        if (s < last) {
          rois = refine(h, rois, out, counts);
        }
        NDScope.unregister(out.clsScore(), out.bboxPred(), logitSum, rois);
      }
    }
    NDArray scores = logitSum.div(head.numStages()).softmax(1);
    List<Detections> dets = detect(head.bboxHead(last), rois, out.bboxPred(), scores, counts);
    if (head.withMask()) {
      dets = masks(dets);
    }
    return new RoiHead.TestResult(dets, trace);
  }

  /** Next stage's RoIs: each moved by its arg-max foreground class's deltas, per image. */
  private NDArray refine(BboxHead h, NDArray rois, BboxHead.Output out, int[] counts) {
    int k = h.numClasses();
    NDArray labels = out.clsScore().get(":, 0:" + k).argMax(1);
    List<NDArray> next = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < counts.length; i++) {
      String range = from + ":" + (from + counts[i]);
      next.add(
          h.regressByClass(
              rois.get(range).get(":, 1:5"),
              labels.get(range),
              out.bboxPred().get(range),
              imgShape(metas.get(i))));
      from += counts[i];
    }
    return CascadeRoiHead.toRois(next);
  }

  /** Per image: decode, clip, rescale to the original image, multiclass NMS. */
  private List<Detections> detect(
      BboxHead h, NDArray rois, NDArray bboxPred, NDArray scores, int[] counts) {
    MulticlassNms nms = cfg.build();
    List<Detections> out = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < counts.length; i++) {
      String range = from + ":" + (from + counts[i]);
      ImageMeta meta = metas.get(i);
      NDArray boxes =
          h.coder().decode(rois.get(range).get(":, 1:5"), bboxPred.get(range), imgShape(meta));
      long n = boxes.getShape().get(0);
      boxes = boxes.reshape(n, -1, 4).div(scale(boxes, meta)).reshape(n, -1);
      out.add(nms.apply(boxes, scores.get(range)));
      from += counts[i];
    }
    return out;
  }

  /** Masks of the detections: every head on the same RoIs, sigmoids averaged, pasted. */
  private List<Detections> masks(List<Detections> dets) {
    List<NDArray> inputBoxes = new ArrayList<>();
    for (int i = 0; i < dets.size(); i++) {
      Detections d = dets.get(i);
      inputBoxes.add(d.boxes().mul(scale(d.boxes(), metas.get(i))));
    }
    NDArray maskRois = CascadeRoiHead.toRois(inputBoxes);
    trace.put("mask_rois", maskRois);
    NDList perImage = new NDList();
    dets.forEach(d -> perImage.add(d.labels()));
    NDArray labels = NDArrays.concat(perImage, 0);
    NDArray probSum = null;
    for (int s = 0; s < head.numStages(); s++) {
      try (NDScope scope = new NDScope()) {
        NDArray logits =
            head.maskHead(s).apply(ps, head.maskExtractor().apply(tables, maskRois), false);
        trace.put("stage" + s + ".mask_pred", logits);
        NDArray p = Activation.sigmoid(logits);
        probSum = probSum == null ? p : probSum.add(p);
        NDScope.unregister(logits, probSum);
      }
    }
    NDArray probs = FcnMaskHead.mapsOf(probSum.div(head.numStages()), labels);
    trace.put("mask_probs", probs);
    MaskPaster paster = new MaskPaster(cfg.maskThrBinary());
    List<Detections> out = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < dets.size(); i++) {
      Detections d = dets.get(i);
      ImageMeta meta = metas.get(i);
      int n = Math.toIntExact(d.size());
      NDArray boxes = inputBoxes.get(i).div(scale(d.boxes(), meta));
      NDArray m =
          paster
              .paste(probs.get(from + ":" + (from + n)), boxes, meta.oriH(), meta.oriW())
              .toType(DataType.UINT8, false);
      out.add(d.withMasks(m));
      from += n;
    }
    return out;
  }

  /** mmdet's {@code scale_factor}: {@code (w, h, w, h)} in float32, in {@code like}'s type. */
  static NDArray scale(NDArray like, ImageMeta meta) {
    NDManager m = like.getManager();
    float sw = (float) meta.scaleW();
    float sh = (float) meta.scaleH();
    return m.create(new float[] {sw, sh, sw, sh}, new Shape(4))
        .toType(like.getDataType(), false)
        .toDevice(like.getDevice(), false);
  }

  static long[] imgShape(ImageMeta meta) {
    return new long[] {meta.imgH(), meta.imgW()};
  }
}
