package org.mlpvision.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;

/**
 * mmcv's {@code ConvModule}: a convolution {@code conv}, an optional norm ({@code bn} for
 * BatchNorm, {@code gn} for GroupNorm, mmcv's names) and an optional ReLU, in that order. As in
 * mmcv, the convolution has no bias when a norm follows, and the default initialisation is mmcv's:
 * Kaiming-normal (fan-out, ReLU) weights, norms at weight 1 and bias 0.
 */
public final class ConvModule extends UnaryLayer {
  /** The norm after the convolution. */
  public enum Norm {
    /** No norm: the convolution keeps its bias. */
    NONE,
    /** {@link BatchNorm2d}, named {@code bn}. */
    BATCH,
    /** {@link GroupNormLayer}, named {@code gn}. */
    GROUP
  }

  private final Conv conv;
  private final UnaryLayer norm;
  private final boolean relu;

  private ConvModule(Builder b) {
    boolean withNorm = b.norm != Norm.NONE;
    conv =
        addChildBlock(
            "conv",
            Conv.builder()
                .setChannels(b.in, b.out)
                .setKernel(b.kernel)
                .optStride(b.stride)
                .optPadding(b.padding)
                .optBias(!withNorm)
                .optInit(b.init)
                .build());
    norm =
        switch (b.norm) {
          case NONE -> null;
          case BATCH -> addChildBlock("bn", new BatchNorm2d(b.out));
          case GROUP -> addChildBlock("gn", new GroupNormLayer(b.groups, b.out));
        };
    relu = b.relu;
  }

  /** A builder: channels and kernel are required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected NDArray compute(ParameterStore ps, NDArray x, boolean training) {
    NDArray y = conv.apply(ps, x, training);
    if (norm != null) {
      y = norm.apply(ps, y, training);
    }
    return relu ? Activation.relu(y) : y;
  }

  /** The convolution. */
  public Conv conv() {
    return conv;
  }

  @Override
  public ai.djl.ndarray.types.Shape[] getOutputShapes(ai.djl.ndarray.types.Shape[] in) {
    return conv.getOutputShapes(in);
  }

  /** Settings of a {@link ConvModule}. */
  public static final class Builder {
    private int in;
    private int out;
    private int kernel;
    private int stride = 1;
    private int padding;
    private Norm norm = Norm.NONE;
    private int groups = 32;
    private boolean relu = true;
    private Init init = Init.kaimingNormal();

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

    /** Stride (default 1). */
    public Builder optStride(int stride) {
      this.stride = stride;
      return this;
    }

    /** Zero padding on every side (default 0). */
    public Builder optPadding(int padding) {
      this.padding = padding;
      return this;
    }

    /** BatchNorm after the convolution. */
    public Builder optBatchNorm() {
      this.norm = Norm.BATCH;
      return this;
    }

    /** GroupNorm with {@code groups} groups after the convolution. */
    public Builder optGroupNorm(int groups) {
      this.norm = Norm.GROUP;
      this.groups = groups;
      return this;
    }

    /** Whether a ReLU ends the module (default true, mmcv's {@code act_cfg}). */
    public Builder optRelu(boolean relu) {
      this.relu = relu;
      return this;
    }

    /** Convolution initialisation (default mmcv's Kaiming-normal). */
    public Builder optInit(Init init) {
      this.init = init;
      return this;
    }

    /** The module. */
    public ConvModule build() {
      return new ConvModule(this);
    }
  }
}
