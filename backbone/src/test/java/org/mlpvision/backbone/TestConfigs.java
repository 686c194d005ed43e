package org.mlpvision.backbone;

import java.util.List;
import org.mlpvision.backbone.hire.HireMlpConfig;

/**
 * Narrow Hire-MLP configs shared by the tests: stage widths 8, 16, 24, 32 (the smallest that keep
 * every region size and group split valid) and Tiny's other defaults, so a forward pass is cheap.
 */
public final class TestConfigs {
  private TestConfigs() {}

  /** Narrow Hire-MLP with {@code depths} blocks per stage and the given drop-path rate. */
  public static HireMlpConfig narrowHire(List<Integer> depths, double dropPath) {
    return narrowHire(depths, dropPath, null, null, null);
  }

  /** Narrow Hire-MLP with the dense-form options too ({@code null} takes the default). */
  public static HireMlpConfig narrowHire(
      List<Integer> depths,
      double dropPath,
      Integer numClasses,
      Integer frozenStages,
      Boolean normEval) {
    return new HireMlpConfig(
        null,
        depths,
        List.of(8, 16, 24, 32),
        null,
        null,
        null,
        null,
        dropPath,
        numClasses,
        null,
        frozenStages,
        normEval);
  }
}
