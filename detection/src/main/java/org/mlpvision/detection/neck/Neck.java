package org.mlpvision.detection.neck;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import org.mlpvision.backbone.Backbone;
import org.mlpvision.backbone.FeatureMaps;

/**
 * A neck (detectron2's view of an FPN): itself a {@link Backbone} over a bottom-up one, whose
 * outputs it transforms. The bottom-up backbone is not one of the neck's children: mmdet names the
 * two as siblings ({@code backbone.*}, {@code neck.*}), so the detector owns and initialises both.
 */
public interface Neck extends Backbone {
  /** The backbone whose outputs this neck reads. */
  Backbone bottomUp();

  /**
   * Runs the neck on the bottom-up backbone's outputs.
   *
   * @param bottomUpMaps the outputs of {@link #bottomUp()}, in its output order
   */
  FeatureMaps apply(ParameterStore ps, FeatureMaps bottomUpMaps, boolean training);

  @Override
  default FeatureMaps extract(ParameterStore ps, NDArray images, boolean training) {
    return apply(ps, bottomUp().extract(ps, images, training), training);
  }
}
