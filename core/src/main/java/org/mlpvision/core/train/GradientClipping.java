package org.mlpvision.core.train;

import ai.djl.ndarray.NDArray;
import java.util.Collection;

/**
 * Clipping by the global L2 norm over all gradients, as torch's {@code clip_grad_norm_}. DJL's own
 * {@code optClipGrad} clamps each element, which changes the gradient's direction, so the loop uses
 * this instead.
 */
public final class GradientClipping {
  private GradientClipping() {}

  /** The L2 norm of all {@code grads} together. */
  public static double globalNorm(Collection<NDArray> grads) {
    double sumSq = 0;
    for (NDArray g : grads) {
      // Temporaries attach to the gradient's manager, the iteration's scope.
      double s = g.square().sum().getFloat();
      sumSq += s;
    }
    return Math.sqrt(sumSq);
  }

  /**
   * Scales {@code grads} in place so that their global norm is at most {@code maxNorm}.
   *
   * @param maxNorm the limit; 0 or less only measures
   * @return the global norm before clipping
   */
  public static double clip(Collection<NDArray> grads, double maxNorm) {
    double norm = globalNorm(grads);
    if (maxNorm > 0 && Double.isFinite(norm)) {
      // torch adds 1e-6 to the norm so that the factor stays finite.
      double coef = maxNorm / (norm + 1e-6);
      if (coef < 1.0) {
        for (NDArray g : grads) {
          g.muli(coef);
        }
      }
    }
    return norm;
  }
}
