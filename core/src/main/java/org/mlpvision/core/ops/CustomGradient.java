package org.mlpvision.core.ops;

import ai.djl.ndarray.NDArray;

/**
 * A scalar whose value and gradient were computed together outside autograd, joined back into the
 * graph: a fused loss can then evaluate its closed-form gradient chunk by chunk while the data is
 * in cache, instead of autograd keeping every full-size intermediate for the backward pass.
 */
public final class CustomGradient {
  private CustomGradient() {}

  /**
   * A 0-d array equal to {@code value} whose gradient with respect to {@code input} is {@code
   * gradient}: {@code s - stop(s) + stop(value)} with {@code s = sum(input · stop(gradient))}, so
   * the value is exact ({@code s - s} is 0) and {@code ∂/∂input} is {@code gradient}.
   *
   * @param value 0-d, the function's value at {@code input} (not differentiated)
   * @param input the array the gradient belongs to, usually part of an autograd graph
   * @param gradient {@code ∂value/∂input}, the shape of {@code input}
   */
  public static NDArray scalar(NDArray value, NDArray input, NDArray gradient) {
    if (!gradient.getShape().equals(input.getShape())) {
      throw new IllegalArgumentException(
          "gradient " + gradient.getShape() + " does not match input " + input.getShape());
    }
    if (value.getShape().dimension() != 0) {
      throw new IllegalArgumentException("value must be 0-d, got " + value.getShape());
    }
    NDArray s = input.mul(gradient.stopGradient()).sum();
    return s.sub(s.stopGradient()).add(value.stopGradient());
  }
}
