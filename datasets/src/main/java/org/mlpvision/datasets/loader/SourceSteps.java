package org.mlpvision.datasets.loader;

import java.util.Random;
import java.util.function.Consumer;
import org.mlpvision.datasets.transform.Sample;
import org.mlpvision.datasets.transform.Transform;

/** The ending every {@link SampleSource} shares once its image is decoded. */
final class SourceSteps {
  private SourceSteps() {}

  /**
   * Adds the targets to {@code s} and runs the pipeline; returns null when the pipeline drops it. A
   * dropped or failed sample is closed here, so its native Mats never leak to the caller.
   */
  static Sample withTargets(Sample s, Consumer<Sample> targets, Transform pipeline, Random rnd) {
    try {
      targets.accept(s);
      if (!pipeline.apply(s, rnd)) {
        s.close();
        return null;
      }
      return s;
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
  }
}
