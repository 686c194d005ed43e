package org.mlpvision.detection.config;

import org.mlpvision.core.config.OneOf;
import org.mlpvision.core.config.Range;

/**
 * An mmdet loss dict: {@code CrossEntropyLoss} ({@code use_sigmoid}, {@code use_mask}), {@code
 * SmoothL1Loss} ({@code beta}), {@code L1Loss} or {@code GIoULoss} ({@code eps}), each with a
 * {@code loss_weight}. Keys that do not belong to the type are errors; which types a head accepts
 * is checked where the head is built.
 *
 * @param type the loss
 * @param useSigmoid CrossEntropyLoss: sigmoid BCE instead of softmax CE (default false)
 * @param useMask CrossEntropyLoss: the mask head's per-class BCE (default false)
 * @param lossWeight factor on the loss (default 1)
 * @param beta SmoothL1Loss: the quadratic zone (default 1)
 * @param eps GIoULoss: floor of unions and enclosing areas (default 1e-6)
 */
public record LossConfig(
    @OneOf({"CrossEntropyLoss", "SmoothL1Loss", "L1Loss", "GIoULoss"}) String type,
    Boolean useSigmoid,
    Boolean useMask,
    @Range(min = 0) Double lossWeight,
    @Range(min = 0) Double beta,
    @Range(min = 0) Double eps) {
  /** Cross-entropy type name. */
  public static final String CROSS_ENTROPY = "CrossEntropyLoss";

  /** Smooth L1 type name. */
  public static final String SMOOTH_L1 = "SmoothL1Loss";

  /** L1 type name. */
  public static final String L1 = "L1Loss";

  /** GIoU type name. */
  public static final String GIOU = "GIoULoss";

  /** Fills mmdet's defaults; rejects keys of other loss types. */
  public LossConfig {
    type = Required.of(type, "type");
    boolean ce = CROSS_ENTROPY.equals(type);
    only(ce || useSigmoid == null, "use_sigmoid", type);
    only(ce || useMask == null, "use_mask", type);
    only(SMOOTH_L1.equals(type) || beta == null, "beta", type);
    only(GIOU.equals(type) || eps == null, "eps", type);
    useSigmoid = ce ? (useSigmoid != null && useSigmoid) : null;
    useMask = ce ? (useMask != null && useMask) : null;
    if (ce && useSigmoid && useMask) {
      throw new IllegalArgumentException("use_sigmoid and use_mask cannot both be true");
    }
    lossWeight = lossWeight == null ? 1.0 : lossWeight;
    beta = SMOOTH_L1.equals(type) ? (beta == null ? 1.0 : beta) : null;
    eps = GIOU.equals(type) ? (eps == null ? 1e-6 : eps) : null;
  }

  private static void only(boolean ok, String key, String type) {
    if (!ok) {
      throw new IllegalArgumentException(key + " does not apply to " + type);
    }
  }

  /**
   * Checks that this loss is one of {@code types} (and, for cross-entropy, of the given flavour).
   *
   * @param what the config key, for the message ({@code loss_bbox})
   */
  public LossConfig require(String what, String... types) {
    for (String t : types) {
      if (t.equals(type)) {
        return this;
      }
    }
    throw new IllegalArgumentException(
        what + " must be one of " + java.util.Arrays.toString(types) + ", got " + type);
  }

  /** Checks a cross-entropy loss's flavour: sigmoid, mask, or softmax (both false). */
  public LossConfig requireCrossEntropy(String what, boolean sigmoid, boolean mask) {
    require(what, CROSS_ENTROPY);
    if (useSigmoid != sigmoid || useMask != mask) {
      throw new IllegalArgumentException(
          what
              + " must be CrossEntropyLoss with use_sigmoid="
              + sigmoid
              + ", use_mask="
              + mask
              + ", got use_sigmoid="
              + useSigmoid
              + ", use_mask="
              + useMask);
    }
    return this;
  }
}
