/**
 * Whole detectors: the two-stage detector (backbone, neck, RPN, RoI head) and the factory that
 * builds it from an mmdet-style {@code model} config through the registered component types.
 */
package org.mlpvision.detection.detector;
