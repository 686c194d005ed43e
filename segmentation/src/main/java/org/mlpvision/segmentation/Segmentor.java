package org.mlpvision.segmentation;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.mlpvision.core.train.LossTerms;
import org.mlpvision.core.train.StepContext;
import org.mlpvision.datasets.structures.ImageList;
import org.mlpvision.datasets.structures.SemanticMap;

/**
 * A semantic segmentor: losses in training (mmseg's {@code forward_train}), per-pixel classes in
 * inference at the original image size (mmseg's {@code simple_test} with {@code rescale=True}). Its
 * block tree carries mmseg's state-dict names ({@code backbone.*}, {@code decode_head.*}, {@code
 * auxiliary_head.*}).
 */
public interface Segmentor extends Block {
  /** Number of classes. */
  int numClasses();

  /**
   * The weighted loss terms of one batch under mmseg's names ({@code decode.loss_seg}, {@code
   * aux.loss_seg}); accuracies go to {@code step}'s scalars.
   *
   * @param labels {@code (N, H, W)} int64 class indices at the input size, 255 = ignore
   */
  LossTerms losses(ParameterStore ps, ImageList images, NDArray labels, StepContext step);

  /** The prediction of every image at its original size. */
  List<SemanticMap> predict(ParameterStore ps, ImageList images);
}
