package org.mlpvision.eval.coco;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlpvision.datasets.coco.CategoryMap;
import org.mlpvision.datasets.coco.CocoDataset;
import org.mlpvision.datasets.mask.Rle;
import org.mlpvision.datasets.structures.Detections;
import org.mlpvision.datasets.structures.ImageList;
import org.mlpvision.datasets.transform.ImageMeta;
import org.mlpvision.eval.DatasetEvaluator;

/**
 * COCO AP of a detector's outputs while inference runs: each image's {@link Detections} (contiguous
 * labels, {@code x1 y1 x2 y2} boxes and 0/1 masks at the original size) become what mmdet's {@code
 * results2json} writes (the label's COCO category id in ascending id order, as mmdet's {@code
 * cat2label}; {@code [x, y, w, h]} boxes with {@code w = x2 - x1} in float32; masks as RLE with the
 * box area, as pycocotools' {@code loadRes} reads such results) and go straight to one {@link
 * CocoEvaluator} per IoU type. The numbers are those of {@code vision eval coco} on the results
 * file mmdet would have written.
 *
 * <p>Inputs: the batch's {@link ImageList}, whose metas carry the COCO image ids ({@link
 * ImageMeta#id()}); outputs: one {@link Detections} per image, in batch order. Metrics: {@code
 * <type>_<key>} for each IoU type and each key of {@link CocoSummary#toMap()} ({@code bbox_AP},
 * {@code bbox_AP50}, ..., {@code segm_ARl}).
 */
public final class CocoDetectionEvaluator
    implements DatasetEvaluator<ImageList, List<Detections>>, AutoCloseable {
  private final CategoryMap labels;
  private final List<CocoParams> params;
  private final List<CocoEvaluator> evaluators = new ArrayList<>();

  /**
   * @param groundTruth the annotation file the detector is evaluated on
   * @param params one setting per IoU type to evaluate ({@code bbox}, {@code segm}); mmdet uses
   *     {@code maxDets 100,300,1000}
   * @param device where box IoUs are computed
   * @throws IllegalArgumentException when no or a repeated IoU type is asked for, or (from {@link
   *     GroundTruthSet#fromCoco}) when the ground truth lacks what an IoU type needs
   */
  public CocoDetectionEvaluator(CocoDataset groundTruth, List<CocoParams> params, Device device) {
    this(
        new CategoryMap(groundTruth.categories()),
        checked(params).stream()
            .map(p -> GroundTruthSet.fromCoco(groundTruth, p.iouType()))
            .toList(),
        params,
        device);
  }

  /**
   * An evaluator over ground truth indexed beforehand, for callers that evaluate many parts of one
   * data set (a worker keeps the ground truth and makes one evaluator per part).
   *
   * @param labels label {@code i} of the detections is the {@code i}-th category by id
   * @param groundTruth the ground truth indexed for each IoU type of {@code params}, in order
   * @param params one setting per IoU type to evaluate
   * @param device where box IoUs are computed
   * @throws IllegalArgumentException when no or a repeated IoU type is asked for, or the counts of
   *     ground truths and settings differ
   */
  public CocoDetectionEvaluator(
      CategoryMap labels,
      List<GroundTruthSet> groundTruth,
      List<CocoParams> params,
      Device device) {
    checked(params);
    if (groundTruth.size() != params.size()) {
      throw new IllegalArgumentException(
          groundTruth.size() + " ground truths for " + params.size() + " IoU types");
    }
    this.labels = labels;
    this.params = List.copyOf(params);
    for (int t = 0; t < params.size(); t++) {
      evaluators.add(new CocoEvaluator(groundTruth.get(t), params.get(t), device));
    }
  }

  private static List<CocoParams> checked(List<CocoParams> params) {
    if (params.isEmpty()
        || params.stream().map(CocoParams::iouType).distinct().count() != params.size()) {
      throw new IllegalArgumentException("give each IoU type to evaluate once, got " + params);
    }
    return params;
  }

  @Override
  public void reset() {
    evaluators.forEach(CocoEvaluator::reset);
  }

  /**
   * Adds the detections of every image of the batch.
   *
   * @throws IllegalArgumentException naming the image when the counts differ, an id is not a COCO
   *     image id, a label has no category, or masks are missing or not at the original size for
   *     {@code segm}
   */
  @Override
  public void process(ImageList inputs, List<Detections> outputs) {
    if (outputs.size() != inputs.size()) {
      throw new IllegalArgumentException(
          inputs.size() + " images but " + outputs.size() + " detection lists");
    }
    for (int i = 0; i < outputs.size(); i++) {
      ImageMeta meta = inputs.metas().get(i);
      long imageId = imageId(meta);
      Detections d = outputs.get(i);
      add(
          imageId,
          meta.oriH(),
          meta.oriW(),
          d.boxes().toFloatArray(),
          d.scores().toFloatArray(),
          d.labels().toLongArray(),
          needsMasks() ? masks(meta, imageId, d) : null);
    }
  }

  /**
   * Adds the detections of one {@code height × width} image as plain arrays, as {@link #process}
   * does for a batch.
   *
   * @param boxes {@code 4n} floats, {@code x1 y1 x2 y2} per detection
   * @param scores {@code n} scores
   * @param labels {@code n} contiguous labels
   * @param masks {@code n·height·width} 0/1 bytes at the original size, or null when no IoU type
   *     needs masks
   * @throws IllegalArgumentException naming the image when the image is unknown or already added, a
   *     label has no category, or masks are missing for {@code segm}
   */
  public void add(
      long imageId,
      int height,
      int width,
      float[] boxes,
      float[] scores,
      long[] labels,
      byte[] masks) {
    int n = scores.length;
    if (boxes.length != 4 * n || labels.length != n) {
      throw new IllegalArgumentException(
          "image id "
              + imageId
              + ": "
              + n
              + " scores but "
              + boxes.length
              + " box coordinates and "
              + labels.length
              + " labels");
    }
    int plane = height * width;
    if (needsMasks() && (masks == null || masks.length != (long) n * plane)) {
      throw new IllegalArgumentException(
          "image id "
              + imageId
              + ": segm evaluation needs "
              + n
              + " masks of "
              + height
              + "x"
              + width
              + (masks == null ? ", got none" : ", got " + masks.length + " bytes"));
    }
    for (int t = 0; t < params.size(); t++) {
      IouType type = params.get(t).iouType();
      List<Detection> dets = new ArrayList<>(n);
      for (int k = 0; k < n; k++) {
        int category = category(imageId, labels[k]);
        // float32 arithmetic, as mmdet's xyxy2xywh on float32 arrays.
        float w = boxes[4 * k + 2] - boxes[4 * k];
        float h = boxes[4 * k + 3] - boxes[4 * k + 1];
        double[] xywh = {boxes[4 * k], boxes[4 * k + 1], w, h};
        if (type == IouType.BBOX) {
          dets.add(Detection.box(category, xywh, scores[k]));
        } else {
          byte[] bitmap = new byte[plane];
          System.arraycopy(masks, k * plane, bitmap, 0, plane);
          dets.add(
              Detection.mask(category, Rle.fromBitmap(bitmap, height, width), scores[k], xywh));
        }
      }
      evaluators.get(t).add(imageId, dets);
    }
  }

  private boolean needsMasks() {
    return params.stream().anyMatch(p -> p.iouType() == IouType.SEGM);
  }

  private static byte[] masks(ImageMeta meta, long imageId, Detections d) {
    if (d.masks() == null) {
      throw new IllegalArgumentException(
          "image id " + imageId + ": segm evaluation needs masks, the detections have none");
    }
    long[] shape = d.masks().getShape().getShape();
    if (shape.length != 3
        || shape[0] != d.size()
        || shape[1] != meta.oriH()
        || shape[2] != meta.oriW()) {
      throw new IllegalArgumentException(
          "image id "
              + imageId
              + ": masks must be ("
              + d.size()
              + ", "
              + meta.oriH()
              + ", "
              + meta.oriW()
              + ") at the original size, got "
              + d.masks().getShape());
    }
    return d.masks().toByteArray();
  }

  private int category(long imageId, long label) {
    if (label < 0 || label >= labels.size()) {
      throw new IllegalArgumentException(
          "image id "
              + imageId
              + ": label "
              + label
              + " is outside [0, "
              + labels.size()
              + ") of the ground truth's categories");
    }
    return Math.toIntExact(labels.categoryId((int) label));
  }

  private static long imageId(ImageMeta meta) {
    try {
      return Long.parseLong(meta.id());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "image '" + meta.id() + "': COCO evaluation needs numeric image ids in the metas", e);
    }
  }

  /**
   * What has been evaluated so far, one {@link CocoPartial} per IoU type in the order of the
   * settings; see {@link CocoEvaluator#partial()}.
   */
  public List<CocoPartial> partial() {
    return evaluators.stream().map(CocoEvaluator::partial).toList();
  }

  /**
   * Adds what another evaluator of the same ground truth and settings evaluated ({@link
   * #partial()}).
   *
   * @throws IllegalArgumentException when the IoU types differ, or as {@link CocoEvaluator#merge}
   */
  public void merge(List<CocoPartial> other) {
    if (other.size() != evaluators.size()) {
      throw new IllegalArgumentException(
          "cannot merge " + other.size() + " IoU types into " + evaluators.size());
    }
    for (int t = 0; t < evaluators.size(); t++) {
      evaluators.get(t).merge(other.get(t));
    }
  }

  /** Evaluates every IoU type; images never processed count as having no detections. */
  @Override
  public Map<String, Double> evaluate() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (int t = 0; t < evaluators.size(); t++) {
      String prefix = params.get(t).iouType().cocoName() + "_";
      evaluators.get(t).evaluate().toMap().forEach((k, v) -> out.put(prefix + k, v));
    }
    return out;
  }

  @Override
  public void close() {
    evaluators.forEach(CocoEvaluator::close);
  }
}
