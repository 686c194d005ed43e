package org.mlpvision.datasets;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code skip_invalid} / {@code --skip-invalid} policy for a pass over items: a {@link
 * DatasetException} fails the pass, or with skipping on is logged once and counted.
 */
public final class SkipLog {
  private static final Logger LOG = LoggerFactory.getLogger(SkipLog.class);

  private final boolean skipInvalid;
  private final List<String> skipped = new ArrayList<>();

  /** A log that skips when {@code skipInvalid}, and otherwise lets errors through. */
  public SkipLog(boolean skipInvalid) {
    this.skipInvalid = skipInvalid;
  }

  /**
   * Runs {@code step}; returns whether it completed.
   *
   * @throws DatasetException from {@code step} unless skipping is on
   */
  public boolean attempt(Runnable step) {
    try {
      step.run();
      return true;
    } catch (DatasetException e) {
      if (!skipInvalid) {
        throw e;
      }
      LOG.warn("skipped: {}", e.getMessage());
      skipped.add(e.getMessage());
      return false;
    }
  }

  /** One message per skipped item, in order. */
  public List<String> skipped() {
    return List.copyOf(skipped);
  }
}
