package org.mlpvision.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import org.mlpvision.core.ops.DropPath;

/**
 * The pre-norm residual step of the MLP backbones' blocks, {@code x + DropPath(branch(norm(x)))},
 * freeing each intermediate once the next op has consumed it.
 */
public final class Residual {
  private Residual() {}

  /**
   * One residual step.
   *
   * @param dropPath the block's drop-path rate (identity outside training)
   */
  public static NDArray preNorm(
      ParameterStore ps,
      NDArray x,
      UnaryLayer norm,
      UnaryLayer branch,
      float dropPath,
      boolean training) {
    NDArray t = norm.apply(ps, x, training);
    t = Release.then(t, branch.apply(ps, t, training));
    t = Release.then(t, DropPath.apply(t, dropPath, training));
    return Release.then(t, x.add(t));
  }
}
