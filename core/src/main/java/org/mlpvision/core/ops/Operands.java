package org.mlpvision.core.ops;

import ai.djl.ndarray.NDArray;

/**
 * Keeps arrays derived from parameters out of the model's manager. A DJL op puts its result in the
 * manager of its first operand, so {@code gamma.reshape(...)} in a forward pass lands in the
 * manager that owns the parameters and stays there until the model closes: a few handles per call
 * that add up over a long run. Moving them to the input's manager frees them with the input's
 * scope.
 */
public final class Operands {
  private Operands() {}

  /** {@code derived}, now owned by {@code input}'s manager. */
  public static NDArray local(NDArray derived, NDArray input) {
    derived.attach(input.getManager());
    return derived;
  }
}
