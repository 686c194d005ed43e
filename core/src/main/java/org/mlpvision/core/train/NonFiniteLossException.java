package org.mlpvision.core.train;

/**
 * A loss term became NaN or infinite. The loop stops before the bad gradient touches the weights,
 * so the last checkpoint on disk is the last good state.
 */
public final class NonFiniteLossException extends RuntimeException {
  private final long iteration;
  private final String term;

  /**
   * @param iteration the iteration (from 0) whose loss was not finite
   * @param term the loss term's name
   * @param value the value seen
   */
  public NonFiniteLossException(long iteration, String term, double value) {
    super(
        "training stopped: loss term '"
            + term
            + "' is "
            + value
            + " at iteration "
            + iteration
            + "; the last good checkpoint is kept");
    this.iteration = iteration;
    this.term = term;
  }

  /** The iteration whose loss was not finite. */
  public long iteration() {
    return iteration;
  }

  /** The name of the loss term. */
  public String term() {
    return term;
  }
}
