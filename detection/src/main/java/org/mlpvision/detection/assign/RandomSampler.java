package org.mlpvision.detection.assign;

import java.util.Arrays;
import java.util.Random;

/**
 * mmdet's {@code RandomSampler}: up to {@code num·posFraction} positives drawn uniformly without
 * replacement, negatives filling the rest (optionally bounded by {@code negPosUb} times the
 * positives), each draw sorted ascending as {@code unique()} leaves it. Seeded through the {@link
 * Random} passed in, so tests are reproducible.
 *
 * @param num total samples per image
 * @param posFraction upper bound on the positive share
 * @param negPosUb upper bound on negatives per positive, or {@code -1} for none
 * @param addGtAsProposals whether the ground truths are prepended as positive proposals
 */
public record RandomSampler(
    int num, double posFraction, double negPosUb, boolean addGtAsProposals) {

  /** Validates the settings. */
  public RandomSampler {
    if (num <= 0) {
      throw new IllegalArgumentException("num must be > 0, got " + num);
    }
    if (!(posFraction >= 0 && posFraction <= 1)) {
      throw new IllegalArgumentException("posFraction must be in [0,1], got " + posFraction);
    }
  }

  /** The RPN sampler: 256 samples, half positive, no ground truths added. */
  public static RandomSampler rpn() {
    return new RandomSampler(256, 0.5, -1, false);
  }

  /** A cascade stage's sampler: 512 samples, a quarter positive, ground truths added. */
  public static RandomSampler cascadeStage() {
    return new RandomSampler(512, 0.25, -1, true);
  }

  /**
   * Samples from an assignment.
   *
   * @param assign the assignment of the proposals (without ground truths)
   * @param rng the random source
   */
  public SamplingResult sample(AssignResult assign, Random rng) {
    long[] gtInds = assign.gtInds().toLongArray();
    int prepended = 0;
    if (addGtAsProposals) {
      prepended = assign.numGts();
      long[] all = new long[prepended + gtInds.length];
      for (int i = 0; i < prepended; i++) {
        all[i] = i + 1;
      }
      System.arraycopy(gtInds, 0, all, prepended, gtInds.length);
      gtInds = all;
    }
    long[] pos = select(gtInds, true);
    long[] neg = select(gtInds, false);
    int expectedPos = (int) (num * posFraction);
    long[] posPicked = draw(pos, expectedPos, rng);
    int expectedNeg = num - posPicked.length;
    if (negPosUb >= 0) {
      int bound = (int) (negPosUb * Math.max(1, posPicked.length));
      expectedNeg = Math.min(expectedNeg, bound);
    }
    long[] negPicked = draw(neg, expectedNeg, rng);
    long[] posGt = new long[posPicked.length];
    boolean[] isGt = new boolean[posPicked.length];
    for (int i = 0; i < posPicked.length; i++) {
      posGt[i] = gtInds[(int) posPicked[i]] - 1;
      isGt[i] = posPicked[i] < prepended;
    }
    return new SamplingResult(posPicked, negPicked, posGt, isGt, prepended);
  }

  /** Convenience for tensors: the positive/negative index arrays of {@code gtInds}. */
  static long[] select(long[] gtInds, boolean positive) {
    int count = 0;
    for (long g : gtInds) {
      if (positive ? g > 0 : g == 0) {
        count++;
      }
    }
    long[] out = new long[count];
    int k = 0;
    for (int i = 0; i < gtInds.length; i++) {
      if (positive ? gtInds[i] > 0 : gtInds[i] == 0) {
        out[k++] = i;
      }
    }
    return out;
  }

  /** Uniform draw of {@code expected} items without replacement (partial Fisher-Yates), sorted. */
  private static long[] draw(long[] candidates, int expected, Random rng) {
    if (candidates.length <= expected) {
      return candidates;
    }
    long[] c = candidates.clone();
    for (int i = 0; i < expected; i++) {
      int j = i + rng.nextInt(c.length - i);
      long t = c[i];
      c[i] = c[j];
      c[j] = t;
    }
    long[] out = Arrays.copyOf(c, Math.max(expected, 0));
    Arrays.sort(out);
    return out;
  }
}
