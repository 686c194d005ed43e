package org.mlpvision.core.train;

import java.io.IOException;

/**
 * Draws {@code curves.png} (loss and learning rate) from {@code metrics.jsonl} when training ends,
 * also after a failure, so that a crashed run still shows how it got there.
 */
public final class CurvePlotHook implements TrainHook {
  /** The plot's file name in the work directory. */
  public static final String FILE = "curves.png";

  @Override
  public void afterTrain(TrainState state) throws IOException {
    CurvePlot.write(state.metrics().file(), state.workDir().resolve(FILE));
  }
}
