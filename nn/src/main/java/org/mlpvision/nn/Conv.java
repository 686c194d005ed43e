package org.mlpvision.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;

/**
 * A 2-D convolution with PyTorch's parameter layout: {@code weight} (out, in, kh, kw) and an
 * optional {@code bias} (out). Square kernels, equal stride and padding on both axes, no groups.
 * Built with {@link #builder()} in DJL's style: {@code setX} for what is required, {@code optX} for
 * the rest.
 */
public final class Conv extends UnaryLayer {
  private final int in;
  private final int out;
  private final int kernel;
  private final int stride;
  private final int padding;
  private final Parameter weight;
  private final Parameter bias;

  private Conv(Builder b) {
    this.in = b.in;
    this.out = b.out;
    this.kernel = b.kernel;
    this.stride = b.stride;
    this.padding = b.padding;
    long fanIn = (long) in * kernel * kernel;
    long fanOut = (long) out * kernel * kernel;
    weight =
        parameter(
            "weight",
            Parameter.Type.WEIGHT,
            new Shape(out, in, kernel, kernel),
            b.init.weight(fanIn, fanOut));
    bias =
        b.bias
            ? parameter("bias", Parameter.Type.BIAS, new Shape(out), b.init.bias(fanIn, fanOut))
            : null;
  }

  /** A builder: channels and kernel are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** A 1×1 convolution ("FC" on channels). */
  public static Conv pointwise(int in, int out, boolean bias, Init init) {
    return builder().setChannels(in, out).setKernel(1).optBias(bias).optInit(init).build();
  }

  @Override
  protected NDArray compute(ParameterStore ps, NDArray x, boolean training) {
    NDArray w = value(ps, weight, x, training);
    NDArray b = bias == null ? null : value(ps, bias, x, training);
    return Conv2d.conv2d(
            x, w, b, new Shape(stride, stride), new Shape(padding, padding), new Shape(1, 1))
        .head();
  }

  /** Input channels. */
  public int inChannels() {
    return in;
  }

  /** Output channels. */
  public int outChannels() {
    return out;
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

  /** Settings of a {@link Conv}. */
  public static final class Builder {
    private int in;
    private int out;
    private int kernel;
    private int stride = 1;
    private int padding;
    private boolean bias = true;
    private Init init = Init.torchDefault();

    private Builder() {}

    /** Input and output channels (required). */
    public Builder setChannels(int in, int out) {
      this.in = in;
      this.out = out;
      return this;
    }

    /** Kernel side (required). */
    public Builder setKernel(int kernel) {
      this.kernel = kernel;
      return this;
    }

    /** Stride on both axes (default 1). */
    public Builder optStride(int stride) {
      this.stride = stride;
      return this;
    }

    /** Zero padding on every side (default 0). */
    public Builder optPadding(int padding) {
      this.padding = padding;
      return this;
    }

    /** Whether a bias is added (default true). */
    public Builder optBias(boolean bias) {
      this.bias = bias;
      return this;
    }

    /** Weight and bias initialisation (default PyTorch's). */
    public Builder optInit(Init init) {
      this.init = init;
      return this;
    }

    /** The convolution. */
    public Conv build() {
      if (in < 1 || out < 1 || kernel < 1 || stride < 1 || padding < 0) {
        throw new IllegalArgumentException(
            "bad convolution: channels "
                + in
                + "->"
                + out
                + ", kernel "
                + kernel
                + ", stride "
                + stride
                + ", padding "
                + padding);
      }
      return new Conv(this);
    }
  }
}
