package org.mlpvision.core.train;

/** How a training run treats its work directory ({@code vision train}'s flags). */
public enum StartMode {
  /** A new run; the work directory must be missing or empty. */
  FRESH,
  /**
   * Continue the work directory's run from its newest checkpoint that reads back ({@code
   * --resume}); a directory without checkpoints starts at iteration 0.
   */
  RESUME,
  /**
   * A new run in place of the work directory's previous one ({@code --overwrite}): its checkpoints,
   * metrics, plot and config are removed first; other files are left alone.
   */
  OVERWRITE
}
