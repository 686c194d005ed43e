package org.mlpvision.detection.testing;

import java.util.ArrayList;
import java.util.List;
import org.mlpvision.backbone.FeatureSpec;

/** Feature specs of FPN levels for tests ({@code p2}.. at the given strides). */
public final class Pyramids {
  private Pyramids() {}

  /** Levels named p2, p3, ... with {@code channels} channels at {@code strides}. */
  public static List<FeatureSpec> specs(int channels, int... strides) {
    List<FeatureSpec> specs = new ArrayList<>();
    for (int s : strides) {
      specs.add(new FeatureSpec("p" + Integer.numberOfTrailingZeros(s), channels, s));
    }
    return specs;
  }

  /** P2..P5 (strides 4..32), what the RoI extractors read. */
  public static List<FeatureSpec> roiLevels() {
    return specs(256, 4, 8, 16, 32);
  }

  /** P2..P6 (strides 4..64), what the RPN reads. */
  public static List<FeatureSpec> rpnLevels() {
    return specs(256, 4, 8, 16, 32, 64);
  }
}
