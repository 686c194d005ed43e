package org.mlpvision.detection.rpn;

import ai.djl.ndarray.NDArray;

/**
 * Training targets of one image's anchors (mmdet {@code AnchorHead._get_targets_single}), over all
 * anchors, unsampled ones with weight 0.
 *
 * @param labels {@code (A)} int64: 0 for positives, 1 (background) elsewhere
 * @param labelWeights {@code (A)} float: 1 on sampled anchors
 * @param bboxTargets {@code (A,4)} encoded deltas on positives, 0 elsewhere
 * @param bboxWeights {@code (A,4)} 1 on positives
 * @param numPos sampled positives
 * @param numNeg sampled negatives
 */
public record AnchorTargets(
    NDArray labels,
    NDArray labelWeights,
    NDArray bboxTargets,
    NDArray bboxWeights,
    int numPos,
    int numNeg) {}
