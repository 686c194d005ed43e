package org.mlpvision.detection.assign;

/**
 * Boxes picked for training, as host index arrays (the sampler's decisions stay on the CPU).
 * Indices refer to the sampled set: with ground truths added as proposals, rows {@code [0,
 * numGtPrepended)} are the ground truths and the proposals follow.
 *
 * @param posInds positive indices, ascending
 * @param negInds negative indices, ascending
 * @param posGtInds the 0-based ground-truth index of each positive
 * @param posIsGt whether each positive is a prepended ground-truth row
 * @param numGtPrepended how many ground-truth rows were prepended (0 if none)
 */
public record SamplingResult(
    long[] posInds, long[] negInds, long[] posGtInds, boolean[] posIsGt, int numGtPrepended) {

  /** Number of positives plus negatives. */
  public int numSampled() {
    return posInds.length + negInds.length;
  }
}
