package org.mlpvision.datasets.loader;

import java.util.Random;
import org.mlpvision.datasets.transform.Sample;

/**
 * Indexed samples for a loader: decodes item {@code index} and runs its pipeline. Must be safe to
 * call from several threads at once.
 */
public interface SampleSource {
  /** Number of items. */
  int size();

  /**
   * The transformed sample {@code index} (the caller closes it), or null when the pipeline drops it
   * (the loader then draws another index, as mmdet does).
   */
  Sample load(int index, Random rnd);
}
