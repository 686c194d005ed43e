package org.mlpvision.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;

/**
 * The channel MLP of both backbones: 1×1 conv {@code fc1} → GELU (exact erf form) → 1×1 conv {@code
 * fc2}, both with bias. Dropout is p = 0 in every released model, so there is none.
 */
public final class ConvMlp extends UnaryLayer {
  private final Conv fc1;
  private final Conv fc2;

  /** An MLP {@code in → hidden → out}. */
  public ConvMlp(int in, int hidden, int out, Init init) {
    fc1 = addChildBlock("fc1", Conv.pointwise(in, hidden, true, init));
    fc2 = addChildBlock("fc2", Conv.pointwise(hidden, out, true, init));
  }

  @Override
  protected NDArray compute(ParameterStore ps, NDArray x, boolean training) {
    NDArray h = fc1.apply(ps, x, training);
    h = Release.then(h, Activation.gelu(h));
    return Release.then(h, fc2.apply(ps, h, training));
  }

  /** Multiply-accumulates at {@code positions} spatial positions. */
  public long macs(long positions) {
    return fc1.macs(positions, 1) + fc2.macs(positions, 1);
  }
}
