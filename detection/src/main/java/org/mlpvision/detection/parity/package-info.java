/**
 * Parity with mmdetection: runs a detector's neck and heads on a golden case folder (stored feature
 * pyramid, mmdet config and weights) and names every output as the golden files do.
 */
package org.mlpvision.detection.parity;
