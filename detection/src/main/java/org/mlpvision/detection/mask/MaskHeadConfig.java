package org.mlpvision.detection.mask;

/**
 * A mask head type of the detection config ({@code roi_head.mask_head[i]}, chosen by {@code type});
 * registered in {@link org.mlpvision.detection.DetectionModule}.
 */
public interface MaskHeadConfig {
  /**
   * Builds the head.
   *
   * @param inChannels channels of the pooled RoI features
   * @param roiSize side of the pooled RoI features
   * @throws IllegalArgumentException when the config does not fit them
   */
  FcnMaskHead build(int inChannels, int roiSize);
}
