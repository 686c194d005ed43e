package org.mlpvision.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;

/**
 * A dense-prediction backbone (detectron2's contract): it says which feature maps it produces
 * ({@link #outputShapes()}) and returns them by name ({@link #extract}). As a DJL {@link Block} its
 * forward maps one NCHW image batch to the same maps as an {@code NDList} in output order, so it
 * can be a child block of a detector or segmenter that calls {@link #extract} directly.
 */
public interface Backbone extends Block {
  /** The outputs this backbone returns, in order (name, channels, stride). */
  List<FeatureSpec> outputShapes();

  /**
   * Runs the backbone.
   *
   * @param images (N, 3, H, W) float batch; any H, W the architecture supports
   * @param training training mode (batch statistics, drop path) unless frozen by options
   */
  FeatureMaps extract(ParameterStore ps, NDArray images, boolean training);

  /** Spatial sizes (height, width) of each output for an H × W input, in output order. */
  List<long[]> outputSizes(long height, long width);

  /** Conv and linear multiply-accumulates of one forward pass on an H × W image. */
  long macs(long height, long width);
}
