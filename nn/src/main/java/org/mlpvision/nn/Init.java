package org.mlpvision.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.TruncatedNormalInitializer;
import ai.djl.training.initializer.UniformInitializer;

/**
 * How a layer's weight and bias are drawn before any checkpoint is loaded, by the rules the
 * official code uses. A layer passes its fan-in and fan-out (PyTorch's definition: for a conv
 * weight {@code (out, in, k, k)}, fan-in {@code in·k·k} and fan-out {@code out·k·k}).
 */
public final class Init {
  private final Kind kind;
  private final double std;

  private enum Kind {
    TRUNC_NORMAL,
    TORCH_DEFAULT,
    KAIMING_NORMAL,
    XAVIER_UNIFORM,
    NORMAL
  }

  private Init(Kind kind, double std) {
    this.kind = kind;
    this.std = std;
  }

  /** Truncated normal weights with {@code std}, zero bias (timm models such as Hire-MLP). */
  public static Init truncNormal(double std) {
    return new Init(Kind.TRUNC_NORMAL, std);
  }

  /** PyTorch's default: Kaiming-uniform (a = √5), i.e. U(±1/√fan_in) for weight and bias. */
  public static Init torchDefault() {
    return new Init(Kind.TORCH_DEFAULT, 0);
  }

  /**
   * mmcv's {@code kaiming_init} as {@code ConvModule} and the mask head use it: normal with std
   * √(2/fan_out) (ReLU gain, mode fan_out), zero bias.
   */
  public static Init kaimingNormal() {
    return new Init(Kind.KAIMING_NORMAL, 0);
  }

  /** {@code xavier_init(distribution='uniform')}: U(±√(6/(fan_in+fan_out))), zero bias (FPN). */
  public static Init xavierUniform() {
    return new Init(Kind.XAVIER_UNIFORM, 0);
  }

  /** {@code normal_init(std)}: N(0, std²) weights, zero bias (RPN convs, box-head outputs). */
  public static Init normal(double std) {
    return new Init(Kind.NORMAL, std);
  }

  /** The weight initializer for a layer with these fans. */
  public Initializer weight(long fanIn, long fanOut) {
    return switch (kind) {
      case TRUNC_NORMAL -> new TruncatedNormalInitializer((float) std);
      case TORCH_DEFAULT -> new UniformInitializer((float) (1.0 / Math.sqrt(fanIn)));
      case KAIMING_NORMAL -> normalOf(Math.sqrt(2.0 / fanOut));
      case XAVIER_UNIFORM -> uniformOf(Math.sqrt(6.0 / (fanIn + fanOut)));
      case NORMAL -> normalOf(std);
    };
  }

  /** The bias initializer for a layer with these fans. */
  public Initializer bias(long fanIn, long fanOut) {
    return kind == Kind.TORCH_DEFAULT
        ? new UniformInitializer((float) (1.0 / Math.sqrt(fanIn)))
        : Initializer.ZEROS;
  }

  private static Initializer normalOf(double sd) {
    return (NDManager m, Shape s, DataType t) -> m.randomNormal(0f, (float) sd, s, t);
  }

  private static Initializer uniformOf(double bound) {
    return (NDManager m, Shape s, DataType t) ->
        m.randomUniform((float) -bound, (float) bound, s, t);
  }

  @Override
  public String toString() {
    return kind == Kind.TRUNC_NORMAL || kind == Kind.NORMAL
        ? kind.name().toLowerCase(java.util.Locale.ROOT) + "(" + std + ")"
        : kind.name().toLowerCase(java.util.Locale.ROOT);
  }
}
