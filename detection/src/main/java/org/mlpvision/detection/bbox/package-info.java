/**
 * RoI box heads (mmdet's {@code ConvFCBBoxHead} and {@code Shared2FCBBoxHead}): logits and deltas
 * per RoI, their training targets and losses, and the regression of RoIs by class.
 */
package org.mlpvision.detection.bbox;
