package org.mlpvision.segmentation.heads;

/**
 * What every decode head shares (mmseg's {@code BaseDecodeHead} arguments).
 *
 * @param numClasses classes K of the 1×1 {@code conv_seg}
 * @param channels width of the head's last feature map (the input of {@code conv_seg})
 * @param dropoutRatio {@code Dropout2d} rate before {@code conv_seg}; 0 for none
 * @param alignCorners of every bilinear resize in the head, its loss and the segmentor's inference
 * @param ignoreIndex label value without loss (255)
 * @param lossWeight multiplies the head's cross entropy ({@code loss_decode.loss_weight})
 */
public record HeadSettings(
    int numClasses,
    int channels,
    double dropoutRatio,
    boolean alignCorners,
    int ignoreIndex,
    double lossWeight) {
  /** Validates the values. */
  public HeadSettings {
    if (numClasses < 1 || channels < 1) {
      throw new IllegalArgumentException(
          "num_classes and channels must be >= 1, got " + numClasses + ", " + channels);
    }
    if (!(dropoutRatio >= 0 && dropoutRatio < 1)) {
      throw new IllegalArgumentException("dropout_ratio must be in [0, 1), got " + dropoutRatio);
    }
    if (!(lossWeight >= 0)) {
      throw new IllegalArgumentException("loss_weight must be >= 0, got " + lossWeight);
    }
  }
}
