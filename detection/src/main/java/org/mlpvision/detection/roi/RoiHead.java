package org.mlpvision.detection.roi;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import org.mlpvision.core.train.StepContext;
import org.mlpvision.datasets.structures.Detections;
import org.mlpvision.datasets.structures.GtInstances;
import org.mlpvision.datasets.transform.ImageMeta;
import org.mlpvision.detection.config.RcnnTestConfig;
import org.mlpvision.detection.config.RcnnTrainConfig;

/**
 * The second stage of a two-stage detector (mmdet's {@code roi_head}): boxes and masks from
 * proposals on the neck's levels.
 */
public interface RoiHead extends Block {
  /** Foreground classes. */
  int numClasses();

  /** Whether the head predicts masks (and trains on ground-truth masks). */
  boolean withMask();

  /**
   * What the test path produced.
   *
   * @param detections per image, in original image coordinates
   * @param intermediates named tensors under the golden-case names ({@code stage0.rois}, {@code
   *     stage0.cls_score}, ..., {@code mask_rois}, {@code mask_probs}), for parity checks
   */
  record TestResult(List<Detections> detections, Map<String, NDArray> intermediates) {}

  /**
   * mmdet's {@code simple_test} with {@code rescale=True}.
   *
   * @param levels the neck's outputs, fine to coarse
   * @param proposals per image {@code (K,5)} proposals (score last) in input coordinates
   */
  TestResult simpleTest(
      ParameterStore ps,
      List<NDArray> levels,
      List<NDArray> proposals,
      List<ImageMeta> metas,
      RcnnTestConfig cfg);

  /**
   * mmdet's {@code forward_train}: the weighted losses under mmdet's names; accuracies and sampled
   * counts go to {@code step}'s scalars.
   *
   * @param proposals per image {@code (K,5)} or {@code (K,4)} proposals, detached
   * @param cfg one entry per stage
   */
  Map<String, NDArray> forwardTrain(
      ParameterStore ps,
      List<NDArray> levels,
      List<NDArray> proposals,
      List<ImageMeta> metas,
      List<GtInstances> targets,
      List<RcnnTrainConfig> cfg,
      StepContext step);

  /**
   * Multiply-accumulates of the heads' layers (RoI pooling is not counted).
   *
   * @param stageRois RoIs each box-head stage runs on
   * @param maskRois RoIs each mask-head stage runs on
   */
  long macs(long[] stageRois, long[] maskRois);
}
