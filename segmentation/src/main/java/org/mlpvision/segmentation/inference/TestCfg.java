package org.mlpvision.segmentation.inference;

import java.util.List;
import org.mlpvision.core.config.Defaults;
import org.mlpvision.core.config.OneOf;
import org.mlpvision.core.config.Range;

/**
 * mmseg's {@code test_cfg}: {@code {"mode": "whole"}} runs the whole image at once; {@code {"mode":
 * "slide", "crop_size": [h, w], "stride": [h, w]}} runs windows of {@code crop_size} every {@code
 * stride} pixels and averages overlapping logits.
 *
 * @param mode {@code whole} (default) or {@code slide}
 * @param cropSize window height and width (slide only)
 * @param stride window step in height and width (slide only)
 */
public record TestCfg(
    @OneOf({"whole", "slide"}) String mode,
    @Range(min = 1) List<Integer> cropSize,
    @Range(min = 1) List<Integer> stride) {
  /** Fills the default mode and checks that slide mode has both sizes. */
  public TestCfg {
    mode = Defaults.or(mode, "whole");
    cropSize = cropSize == null ? null : List.copyOf(cropSize);
    stride = stride == null ? null : List.copyOf(stride);
    if (mode.equals("slide")) {
      if (cropSize == null || cropSize.size() != 2 || stride == null || stride.size() != 2) {
        throw new IllegalArgumentException(
            "slide mode needs crop_size [h, w] and stride [h, w], got "
                + cropSize
                + " and "
                + stride);
      }
    }
  }

  /** Whole-image inference. */
  public static TestCfg whole() {
    return new TestCfg("whole", null, null);
  }

  /** Sliding-window inference. */
  public static TestCfg slide(int cropH, int cropW, int strideH, int strideW) {
    return new TestCfg("slide", List.of(cropH, cropW), List.of(strideH, strideW));
  }

  /** Whether windows are used. */
  public boolean isSlide() {
    return mode.equals("slide");
  }

  /** The same settings in another mode ({@code whole} or {@code slide}), as {@code --mode} asks. */
  public TestCfg withMode(String newMode) {
    return new TestCfg(newMode, cropSize, stride);
  }
}
