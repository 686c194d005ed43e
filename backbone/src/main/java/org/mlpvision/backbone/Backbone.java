package org.mlpvision.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;

/**
 * A dense-prediction backbone (detectron2's contract): it says which feature maps it produces
 * ({@link #outputShapes()}) and returns them by name ({@link #extract}). Necks and heads size
 * themselves from {@link #outputShapes()} (channels, strides, level count) and never ask which
 * backbone they got. A neck such as an FPN is itself a backbone over a bottom-up one.
 *
 * <p>As a DJL {@link Block} its forward maps one NCHW image batch to the same maps as an {@code
 * NDList} in output order; a detector or segmentor calls {@link #extract} directly.
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

  /**
   * The multiple input sizes are padded to so that every output level covers the image exactly
   * (detectron2's {@code size_divisibility}): by default the largest output stride.
   */
  default int sizeDivisibility() {
    return outputShapes().stream().mapToInt(FeatureSpec::stride).max().orElse(1);
  }
}
