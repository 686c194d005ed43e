/** RoI feature extraction: RoIAlign (aligned, adaptive sampling) and the FPN level mapping. */
package org.mlpvision.detection.roi;
