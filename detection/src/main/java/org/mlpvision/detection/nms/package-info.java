/** Non-maximum suppression on the host: class-aware batched NMS and test-time multiclass NMS. */
package org.mlpvision.detection.nms;
