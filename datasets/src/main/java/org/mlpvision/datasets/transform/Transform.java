package org.mlpvision.datasets.transform;

import java.util.Random;

/** One step of a data pipeline; random choices come from the per-sample {@code rnd}. */
public interface Transform {
  /**
   * Transforms {@code s} in place and records what it did in its meta.
   *
   * @return false when the sample must be dropped (a crop left no boxes and that is not allowed)
   */
  boolean apply(Sample s, Random rnd);
}
