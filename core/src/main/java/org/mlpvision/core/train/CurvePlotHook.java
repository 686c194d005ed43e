package org.mlpvision.core.train;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draws {@code curves.png} (loss and learning rate) from {@code metrics.jsonl} when training ends,
 * also after a failure, so that a crashed run still shows how it got there. The plot is a
 * convenience: when it cannot be written (a full disk) it says so in the log and never fails the
 * run or hides the run's own error; no partial file is left.
 */
public final class CurvePlotHook implements TrainHook {
  private static final Logger LOG = LoggerFactory.getLogger(CurvePlotHook.class);

  @Override
  public void afterTrain(TrainState state) {
    try {
      CurvePlot.write(state.metrics().file(), state.workDir().resolve(WorkDir.PLOT));
    } catch (Exception e) {
      LOG.warn("{} not written: {}", WorkDir.PLOT, e.toString());
    }
  }
}
