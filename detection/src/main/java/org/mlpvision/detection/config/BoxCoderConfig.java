package org.mlpvision.detection.config;

import java.util.List;
import org.mlpvision.core.config.OneOf;
import org.mlpvision.detection.box.DeltaXywhCoder;

/**
 * mmdet's {@code bbox_coder}: {@code DeltaXYWHBBoxCoder} with its target means and stds.
 *
 * @param type always {@code DeltaXYWHBBoxCoder}
 * @param targetMeans four means (default 0)
 * @param targetStds four stds (default 1)
 */
public record BoxCoderConfig(
    @OneOf({"DeltaXYWHBBoxCoder"}) String type, List<Double> targetMeans, List<Double> targetStds) {
  /** Fills mmdet's defaults and checks the lists. */
  public BoxCoderConfig {
    type = Required.of(type, "type");
    targetMeans =
        Required.numbers(
            targetMeans == null ? List.of(0., 0., 0., 0.) : targetMeans, 4, "target_means");
    targetStds =
        Required.numbers(
            targetStds == null ? List.of(1., 1., 1., 1.) : targetStds, 4, "target_stds");
    for (double s : targetStds) {
      if (!(s > 0)) {
        throw new IllegalArgumentException("target_stds must be > 0, got " + targetStds);
      }
    }
  }

  /** The coder (default {@code wh_ratio_clip} 16/1000). */
  public DeltaXywhCoder build() {
    return new DeltaXywhCoder(
        Required.floats(targetMeans),
        Required.floats(targetStds),
        DeltaXywhCoder.DEFAULT_WH_RATIO_CLIP);
  }
}
