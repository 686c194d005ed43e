/**
 * Object detection and instance segmentation: the {@link org.mlpvision.detection.Detector}
 * contract, Cascade Mask R-CNN with FPN, and the primitives it is built from (anchors, assigners,
 * samplers, NMS, RoIAlign, mask targets and paste-back).
 */
package org.mlpvision.detection;
