/**
 * Mask head targets (RoI crops of ground-truth masks) and paste-back of RoI masks into the image.
 */
package org.mlpvision.detection.mask;
