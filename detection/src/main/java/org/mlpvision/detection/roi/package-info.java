/**
 * RoI feature extraction (RoIAlign with adaptive sampling, the FPN level mapping) and the RoI-head
 * contract of two-stage detectors.
 */
package org.mlpvision.detection.roi;
