package org.mlpvision.detection.testing;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlpvision.datasets.coco.CocoDataset;
import org.mlpvision.eval.coco.CocoEvaluator;
import org.mlpvision.eval.coco.CocoParams;
import org.mlpvision.eval.coco.CocoResultsReader;
import org.mlpvision.eval.coco.GroundTruthSet;
import org.mlpvision.eval.coco.IouType;

/** Evaluates a COCO results file as {@code vision eval coco} does (mmdet's maxDets). */
public final class ResultsFiles {
  private ResultsFiles() {}

  /** {@code bbox_*} and {@code segm_*} metrics of {@code results} against {@code gt}. */
  public static Map<String, Double> evaluate(Path results, CocoDataset gt) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (IouType type : List.of(IouType.BBOX, IouType.SEGM)) {
      GroundTruthSet truth = GroundTruthSet.fromCoco(gt, type);
      CocoParams params = CocoParams.defaults(type).withMaxDets(100, 300, 1000);
      try (CocoEvaluator ev = new CocoEvaluator(truth, params, Device.cpu())) {
        CocoResultsReader.read(results, truth, type).detections().forEach(ev::add);
        String prefix = type == IouType.BBOX ? "bbox_" : "segm_";
        ev.evaluate().toMap().forEach((k, v) -> out.put(prefix + k, v));
      }
    }
    return out;
  }
}
