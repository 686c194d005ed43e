package org.mlpvision.backbone.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.TruncatedNormalInitializer;
import ai.djl.training.initializer.UniformInitializer;

/**
 * A 2-D convolution with PyTorch's parameter layout: {@code weight} (out, in, kh, kw) and an
 * optional {@code bias} (out). Square kernels, equal stride and padding on both axes, no groups.
 */
public final class Conv extends Module {
  /** How weights are drawn before any checkpoint is loaded. */
  public enum Init {
    /** Truncated normal with std 0.02, zero bias (timm models such as Hire-MLP). */
    TRUNC_NORMAL,
    /** PyTorch's default: Kaiming-uniform (a = sqrt 5), i.e. U(±1/sqrt(fan_in)) for both. */
    TORCH_DEFAULT
  }

  private final int in;
  private final int out;
  private final int kernel;
  private final int stride;
  private final int padding;
  private final Parameter weight;
  private final Parameter bias;

  /** A convolution; {@code hasBias} adds a bias vector. */
  public Conv(int in, int out, int kernel, int stride, int padding, boolean hasBias, Init init) {
    this.in = in;
    this.out = out;
    this.kernel = kernel;
    this.stride = stride;
    this.padding = padding;
    float bound = (float) (1.0 / Math.sqrt((double) in * kernel * kernel));
    Initializer w =
        init == Init.TRUNC_NORMAL
            ? new TruncatedNormalInitializer(0.02f)
            : new UniformInitializer(bound);
    Initializer b = init == Init.TRUNC_NORMAL ? Initializer.ZEROS : new UniformInitializer(bound);
    weight = parameter("weight", Parameter.Type.WEIGHT, new Shape(out, in, kernel, kernel), w);
    bias = hasBias ? parameter("bias", Parameter.Type.BIAS, new Shape(out), b) : null;
  }

  /** A 1×1 convolution ("FC" on channels). */
  public static Conv pointwise(int in, int out, boolean hasBias, Init init) {
    return new Conv(in, out, 1, 1, 0, hasBias, init);
  }

  @Override
  protected NDArray compute(ParameterStore ps, NDArray x, boolean training) {
    NDArray w = value(ps, weight, x, training);
    NDArray b = bias == null ? null : value(ps, bias, x, training);
    return Conv2d.conv2d(
            x, w, b, new Shape(stride, stride), new Shape(padding, padding), new Shape(1, 1))
        .head();
  }

  /** The weight parameter (out, in, k, k). */
  public Parameter weight() {
    return weight;
  }

  /** The bias parameter, or {@code null}. */
  public Parameter bias() {
    return bias;
  }

  /** Output side for input side {@code s}. */
  public long outSize(long s) {
    return (s + 2L * padding - kernel) / stride + 1;
  }

  /** Multiply-accumulates for an output of {@code h} × {@code w} positions. */
  public long macs(long h, long w) {
    return (long) out * in * kernel * kernel * h * w;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape s = inputShapes[0];
    return new Shape[] {new Shape(s.get(0), out, outSize(s.get(2)), outSize(s.get(3)))};
  }
}
