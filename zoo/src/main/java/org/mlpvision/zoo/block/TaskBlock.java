package org.mlpvision.zoo.block;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import org.mlpvision.datasets.structures.Detections;
import org.mlpvision.datasets.structures.ImageList;
import org.mlpvision.datasets.structures.SemanticMap;
import org.mlpvision.detection.detector.TwoStageDetector;
import org.mlpvision.zoo.VisionModel;

/**
 * The whole task model as a block: the detector's {@code predict} (mmdet's {@code simple_test} with
 * {@code rescale=True}) or the segmentor's (whole or slide inference, as its {@code test_cfg}
 * says). Outputs per image, in batch order and at the original image size: detection {@code boxes
 * (D, 4)}, {@code scores (D)}, {@code labels (D)} and, with a mask head, {@code masks (D, H, W)}
 * uint8; segmentation {@code labels (H, W)} int64.
 */
public final class TaskBlock extends VisionBlock {
  /**
   * @param model the loaded model
   */
  public TaskBlock(VisionModel model) {
    super(model, model.block());
  }

  /** Arrays per image in the output list. */
  public int outputsPerImage() {
    TwoStageDetector d = model().detector();
    return d == null ? 1 : d.withMask() ? 4 : 3;
  }

  @Override
  protected NDList predict(ParameterStore ps, NDList inputs) {
    ImageList images = images(inputs);
    NDList out = new NDList();
    TwoStageDetector detector = model().detector();
    if (detector != null) {
      for (Detections d : detector.predict(ps, images)) {
        out.add(named(d.boxes(), "boxes"));
        out.add(named(d.scores(), "scores"));
        out.add(named(d.labels(), "labels"));
        if (detector.withMask()) {
          out.add(named(d.masks(), "masks"));
        }
      }
    } else {
      for (SemanticMap m : model().segmentor().predict(ps, images)) {
        out.add(named(m.labels(), "labels"));
      }
    }
    return out;
  }

  private static NDArray named(NDArray a, String name) {
    a.setName(name);
    return a;
  }
}
