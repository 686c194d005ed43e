/**
 * Box geometry in the mmdet convention (corners, no +1): IoU, GIoU, format conversions, clipping,
 * the delta coder and the GIoU loss.
 */
package org.mlpvision.detection.box;
