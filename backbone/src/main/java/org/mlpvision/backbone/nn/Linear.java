package org.mlpvision.backbone.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.TruncatedNormalInitializer;

/**
 * A fully connected layer on the last axis with PyTorch's layout ({@code weight} (out, in), {@code
 * bias} (out)); truncated-normal (std 0.02) weights and zero bias, as both papers' heads.
 */
public final class Linear extends Module {
  private final int in;
  private final int out;
  private final Parameter weight;
  private final Parameter bias;

  /** A linear map from {@code in} to {@code out} features. */
  public Linear(int in, int out) {
    this.in = in;
    this.out = out;
    weight =
        parameter(
            "weight",
            Parameter.Type.WEIGHT,
            new Shape(out, in),
            new TruncatedNormalInitializer(0.02f));
    bias = parameter("bias", Parameter.Type.BIAS, new Shape(out), Initializer.ZEROS);
  }

  @Override
  protected NDArray compute(ParameterStore ps, NDArray x, boolean training) {
    NDArray w = value(ps, weight, x, training);
    return x.matMul(w.transpose()).add(value(ps, bias, x, training));
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
