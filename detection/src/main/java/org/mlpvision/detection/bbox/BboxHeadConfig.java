package org.mlpvision.detection.bbox;

/**
 * A box head type of the detection config ({@code roi_head.bbox_head[i]}, chosen by {@code type});
 * registered in {@link org.mlpvision.detection.DetectionModule}.
 */
public interface BboxHeadConfig {
  /**
   * Builds the head.
   *
   * @param inChannels channels of the pooled RoI features
   * @param roiSize side of the pooled RoI features
   * @throws IllegalArgumentException when the config does not fit them
   */
  BboxHead build(int inChannels, int roiSize);
}
