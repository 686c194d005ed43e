/**
 * Mask heads (mmdet's {@code FCNMaskHead}), their targets (RoI crops of ground-truth masks) and
 * losses, and the paste-back of RoI masks into the image.
 */
package org.mlpvision.detection.mask;
