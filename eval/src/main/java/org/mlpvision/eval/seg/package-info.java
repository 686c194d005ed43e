/**
 * Streaming semantic-segmentation evaluation: a per-dataset confusion matrix accumulated on the
 * device (a bincount of {@code gt*K + pred}), from which {@link
 * org.mlpvision.eval.seg.SegmentationMetrics} derives aAcc, mIoU, mAcc and the per-class IoU and
 * accuracy as mmsegmentation 0.11 does.
 */
package org.mlpvision.eval.seg;
