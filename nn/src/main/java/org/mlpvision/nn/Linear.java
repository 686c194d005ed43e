package org.mlpvision.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/**
 * A fully connected layer on the last axis with PyTorch's layout ({@code weight} (out, in), {@code
 * bias} (out)).
 */
public final class Linear extends UnaryLayer {
  private final int in;
  private final int out;
  private final Parameter weight;
  private final Parameter bias;

  /** A linear map from {@code in} to {@code out} features, drawn as {@code init} says. */
  public Linear(int in, int out, Init init) {
    if (in < 1 || out < 1) {
      throw new IllegalArgumentException("bad linear layer: features " + in + "->" + out);
    }
    this.in = in;
    this.out = out;
    weight = parameter("weight", Parameter.Type.WEIGHT, new Shape(out, in), init.weight(in, out));
    bias = parameter("bias", Parameter.Type.BIAS, new Shape(out), init.bias(in, out));
  }

  /** Input features. */
  public int inFeatures() {
    return in;
  }

  /** Output features. */
  public int outFeatures() {
    return out;
  }

  @Override
  protected NDArray compute(ParameterStore ps, NDArray x, boolean training) {
    // torch.nn.functional.linear: one fused op, its result in x's manager (a transposed weight
    // would
    // be a new handle in the model's manager on every call).
    return ai.djl.nn.core.Linear.linear(
            x, value(ps, weight, x, training), value(ps, bias, x, training))
        .head();
  }

  /** Multiply-accumulates per input row. */
  public long macs() {
    return (long) in * out;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape s = inputShapes[0];
    return new Shape[] {s.slice(0, s.dimension() - 1).add(out)};
  }
}
