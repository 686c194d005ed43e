package org.mlpvision.core.testing;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.util.function.Function;

/**
 * Central finite-difference gradient checks in float64, shared by every module's tests. The
 * function under test maps an input to any tensor; the check compares autograd's gradient of {@code
 * sum(f(x) * w)} (fixed random weights {@code w}) with {@code (L(x+h) - L(x-h)) / 2h}.
 */
public final class GradientCheck {
  private GradientCheck() {}

  /**
   * Largest relative error between the analytic and numeric gradient of {@code f} at {@code x}.
   *
   * @param x float64 input (any shape); not modified
   * @param h finite-difference step, e.g. 1e-6
   */
  public static double maxRelativeError(
      NDManager manager, NDArray x, Function<NDArray, NDArray> f, double h) {
    if (x.getDataType() != DataType.FLOAT64) {
      throw new IllegalArgumentException(
          "gradient checks need float64 input, got " + x.getDataType());
    }
    try (NDManager scope = manager.newSubManager()) {
      NDArray probe = f.apply(x.duplicate()).duplicate();
      probe.attach(scope);
      NDArray w = scope.randomUniform(-1, 1, probe.getShape(), DataType.FLOAT64);
      NDArray input = x.duplicate();
      input.attach(scope);
      input.setRequiresGradient(true);
      double[] analytic;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray loss = f.apply(input).mul(w).sum();
        gc.backward(loss);
      }
      analytic = input.getGradient().toDoubleArray();
      double[] base = x.toDoubleArray();
      double worst = 0;
      for (int i = 0; i < base.length; i++) {
        double up = loss(scope, x, base, i, h, f, w);
        double down = loss(scope, x, base, i, -h, f, w);
        double numeric = (up - down) / (2 * h);
        double err = Math.abs(numeric - analytic[i]) / Math.max(1.0, Math.abs(numeric));
        worst = Math.max(worst, err);
      }
      return worst;
    }
  }

  private static double loss(
      NDManager scope,
      NDArray x,
      double[] base,
      int i,
      double delta,
      Function<NDArray, NDArray> f,
      NDArray w) {
    double[] moved = base.clone();
    moved[i] += delta;
    try (NDManager s = scope.newSubManager()) {
      NDArray xi = s.create(moved, x.getShape());
      return f.apply(xi).mul(w).sum().getDouble();
    }
  }
}
