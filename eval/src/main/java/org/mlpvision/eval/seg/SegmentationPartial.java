package org.mlpvision.eval.seg;

import java.io.Serializable;

/**
 * What one {@link SegmentationEvaluator} has counted: its (K+1)×(K+1) confusion matrix of pixel
 * counts (K standing for "outside [0,K)"), its image count and its counts of labels and predictions
 * left out. Workers that evaluate disjoint parts of a data set (the partitions of a Spark job) each
 * hand theirs to one evaluator through {@link SegmentationEvaluator#merge}; the counts are
 * integers, so the merged metrics are bit for bit those of one evaluator that saw every image.
 *
 * @param numClasses K
 * @param ignoreIndex the ground-truth value that was not evaluated
 * @param reduceZeroLabel whether ground truth 0 was ignored and the rest shifted down
 * @param confusion row-major {@code [gt][pred]} counts, {@code (K+1)²} of them
 * @param images images counted
 * @param droppedGroundTruth valid ground-truth pixels whose label was outside [0,K)
 * @param droppedPredictions predictions outside [0,K) on valid pixels
 * @param firstDropped the image where the first label or prediction was left out, or null
 */
public record SegmentationPartial(
    int numClasses,
    int ignoreIndex,
    boolean reduceZeroLabel,
    long[] confusion,
    long images,
    long droppedGroundTruth,
    long droppedPredictions,
    String firstDropped)
    implements Serializable {}
