package org.mlpvision.spark.exec;

import ai.djl.Application;
import ai.djl.Device;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlpvision.eval.coco.CocoDetectionEvaluator;
import org.mlpvision.eval.coco.CocoParams;
import org.mlpvision.eval.coco.CocoPartial;
import org.mlpvision.eval.coco.GroundTruthSet;
import org.mlpvision.eval.coco.IouType;
import org.mlpvision.eval.seg.SegmentationEvaluator;
import org.mlpvision.eval.seg.SegmentationMetrics;
import org.mlpvision.eval.seg.SegmentationPartial;
import org.mlpvision.segmentation.SegmentationReport;
import org.mlpvision.spark.JobSpec;
import org.mlpvision.spark.data.CocoGroundTruth;
import org.mlpvision.zoo.ModelMetadata;

/**
 * The evaluators of a job, alike on executors (one per partition) and on the driver (one that
 * merges every partition's partial state and summarises): COCO box (and mask) AP with mmdet's
 * settings, or mmseg's mIoU, as {@code vision test} computes them.
 */
public final class Evaluations {
  /** Ground-truth value segmentation does not evaluate (mmseg's ignore index). */
  static final int IGNORE_INDEX = 255;

  private Evaluations() {}

  /**
   * A COCO evaluator against the job's annotation file with the model's labels: box AP, and mask AP
   * for a model with a mask head; mmdet's {@code maxDets} 100, 300, 1000.
   *
   * @param threads host threads for IoU, matching and accumulation (numbers do not depend on it)
   */
  static CocoDetectionEvaluator coco(JobSpec spec, ModelMetadata meta, int threads) {
    List<CocoParams> params = new ArrayList<>();
    params.add(CocoParams.defaults(IouType.BBOX).withMaxDets(100, 300, 1000).withThreads(threads));
    if (meta.application() == Application.CV.INSTANCE_SEGMENTATION) {
      params.add(
          CocoParams.defaults(IouType.SEGM).withMaxDets(100, 300, 1000).withThreads(threads));
    }
    List<GroundTruthSet> gt =
        params.stream().map(p -> CocoGroundTruth.indexed(spec.annotations(), p.iouType())).toList();
    return new CocoDetectionEvaluator(meta.categoryMap(), gt, params, Device.cpu());
  }

  /** A confusion-matrix evaluator of the model's classes with the job's zero-label reduction. */
  static SegmentationEvaluator segmentation(JobSpec spec, ModelMetadata meta) {
    return new SegmentationEvaluator(
        meta.numClasses(), IGNORE_INDEX, spec.reduceZeroLabel(), Device.cpu());
  }

  /**
   * Merges the partitions' partial states (any order) and summarises them: {@code bbox_AP}, ...,
   * {@code segm_ARl} for detection, {@code aAcc}, {@code mIoU}, {@code mAcc} and the per-class
   * {@code IoU.<class>} and {@code Acc.<class>} for segmentation.
   *
   * @param warnings receives what the evaluation left out (segmentation labels out of range)
   * @throws IllegalArgumentException when an image was evaluated twice
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Double> merge(
      JobSpec spec, ModelMetadata meta, List<Serializable> partials, List<String> warnings) {
    switch (spec.prediction()) {
      case DETECTION -> {
        try (CocoDetectionEvaluator ev =
            coco(spec, meta, Runtime.getRuntime().availableProcessors())) {
          for (Serializable p : partials) {
            ev.merge((List<CocoPartial>) p);
          }
          return ev.evaluate();
        }
      }
      case SEGMENTATION -> {
        try (SegmentationEvaluator ev = segmentation(spec, meta)) {
          for (Serializable p : partials) {
            ev.merge((SegmentationPartial) p);
          }
          ev.droppedLabelsWarning().ifPresent(warnings::add);
          SegmentationMetrics m = ev.evaluate();
          return new LinkedHashMap<>(SegmentationReport.metrics(m, meta.classes()));
        }
      }
      default -> throw new IllegalArgumentException(spec.prediction() + " is not evaluated");
    }
  }
}
