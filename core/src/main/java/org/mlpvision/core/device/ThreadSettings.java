package org.mlpvision.core.device;

/**
 * PyTorch intra-op and inter-op thread counts. They only take effect when applied before the engine
 * loads, because libtorch reads them once.
 *
 * @param intraOp threads inside one operator (matmul, conv); 0 keeps the engine default
 * @param interOp threads running independent operators; 0 keeps the engine default
 */
public record ThreadSettings(int intraOp, int interOp) {
  static final String INTRA = "ai.djl.pytorch.num_threads";
  static final String INTER = "ai.djl.pytorch.num_interop_threads";

  /** Validates the counts. */
  public ThreadSettings {
    if (intraOp < 0 || interOp < 0) {
      throw new IllegalArgumentException(
          "thread counts must be >= 0, got intra-op " + intraOp + ", inter-op " + interOp);
    }
  }

  /** Sets the DJL system properties; call before the first use of the engine. */
  public void apply() {
    if (intraOp > 0) {
      System.setProperty(INTRA, Integer.toString(intraOp));
    }
    if (interOp > 0) {
      System.setProperty(INTER, Integer.toString(interOp));
    }
  }

  /** The settings currently in force (0 where the engine default applies). */
  public static ThreadSettings current() {
    return new ThreadSettings(Integer.getInteger(INTRA, 0), Integer.getInteger(INTER, 0));
  }
}
