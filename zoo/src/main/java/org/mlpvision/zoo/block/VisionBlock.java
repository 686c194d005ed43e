package org.mlpvision.zoo.block;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import org.mlpvision.core.device.Autograd;
import org.mlpvision.datasets.structures.ImageList;
import org.mlpvision.zoo.VisionModel;
import org.mlpvision.zoo.translate.ImageInfo;

/**
 * A block over a loaded {@link VisionModel} whose forward takes {@code [images (N, 3, H, W),
 * image_info (N, 11)]}: the padded batch of the test pipeline and its metas ({@link ImageInfo}).
 * The model's own blocks are children, so DJL sees their parameters; it is initialised and loaded
 * already and only runs in inference.
 */
public abstract class VisionBlock extends AbstractBlock {
  private final VisionModel model;

  /**
   * @param model the loaded model
   * @param part the part of it that this block runs (a child named {@code model})
   */
  protected VisionBlock(VisionModel model, ai.djl.nn.Block part) {
    this.model = model;
    addChildBlock("model", part);
  }

  /** The loaded model. */
  public VisionModel model() {
    return model;
  }

  /** The images and metas of a forward's input list. */
  protected static ImageList images(NDList inputs) {
    if (inputs.size() != 2) {
      throw new IllegalArgumentException(
          "expected [images, " + ImageInfo.NAME + "], got " + inputs.size() + " arrays");
    }
    NDArray info = inputs.get(1);
    List<org.mlpvision.datasets.transform.ImageMeta> metas = ImageInfo.decode(info);
    return new ImageList(inputs.get(0), metas);
  }

  /**
   * Runs {@link #predict} with autograd off on the calling thread: a Predictor may be called from
   * any thread (see {@code core.device.Autograd}).
   */
  @Override
  protected final NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    try {
      return Autograd.off(() -> predict(ps, inputs));
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The forward of the model part on {@code [images, image_info]}. */
  protected abstract NDList predict(ParameterStore ps, NDList inputs);

  /** The output shapes depend on the images' contents (detections) or metas. */
  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    throw new UnsupportedOperationException(
        "the outputs of " + getClass().getSimpleName() + " depend on the images");
  }
}
