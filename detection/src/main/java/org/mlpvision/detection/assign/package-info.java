/**
 * Training sample selection: max-IoU assignment of boxes to ground truths and seeded random
 * sampling.
 */
package org.mlpvision.detection.assign;
