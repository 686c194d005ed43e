package org.mlpvision.detection;

import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.mlpvision.core.train.LossTerms;
import org.mlpvision.core.train.StepContext;
import org.mlpvision.datasets.structures.Detections;
import org.mlpvision.datasets.structures.GtInstances;
import org.mlpvision.datasets.structures.ImageList;

/**
 * An object detector: losses in training (mmdet's {@code forward_train}), detections in inference
 * (mmdet's {@code simple_test} with {@code rescale=True}). Its block tree carries mmdet's
 * state-dict names ({@code backbone.*}, {@code neck.*}, {@code rpn_head.*}, {@code roi_head.*}).
 */
public interface Detector extends Block {
  /** Number of foreground classes. */
  int numClasses();

  /**
   * The weighted loss terms of one batch under mmdet's names ({@code loss_rpn_cls}, {@code
   * s0.loss_cls}, ...); non-loss diagnostics (accuracies, sampled counts) go to {@code step}'s
   * scalars.
   *
   * @param targets one entry per image, in the coordinates of the transformed images
   * @param step iteration, random generator for the samplers, scalar sink
   */
  LossTerms losses(
      ParameterStore ps, ImageList images, List<GtInstances> targets, StepContext step);

  /** Detections of every image, mapped back to its original size (boxes, scores, labels, masks). */
  List<Detections> predict(ParameterStore ps, ImageList images);
}
