package org.mlpvision.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import org.mlpvision.core.ops.Operands;

/**
 * The mask head's {@code ConvTranspose2d(k=2, s=2)}, which DJL's PyTorch engine does not implement.
 * With kernel = stride the output blocks do not overlap: {@code out[n,o,2i+a,2j+b] = Σ_c
 * x[n,c,i,j]·w[c,o,a,b] + bias[o]}, i.e. a 1×1 convolution to {@code 4·Cout} channels followed by a
 * pixel shuffle. Parameters use PyTorch's layout, weight {@code (Cin, Cout, 2, 2)} and bias {@code
 * (Cout)}, so official weights load as they are.
 */
public final class ConvTranspose2x2 extends UnaryLayer {
  private final int in;
  private final int out;
  private final Parameter weight;
  private final Parameter bias;

  /**
   * @param in input channels
   * @param out output channels
   * @param withBias whether a bias is added
   * @param init initialisation; PyTorch counts fans of a transposed weight {@code (Cin, Cout, 2,
   *     2)} as fan-in {@code 4·Cout}, fan-out {@code 4·Cin}
   */
  public ConvTranspose2x2(int in, int out, boolean withBias, Init init) {
    if (in <= 0 || out <= 0) {
      throw new IllegalArgumentException("channels must be > 0, got " + in + "->" + out);
    }
    this.in = in;
    this.out = out;
    long fanIn = 4L * out;
    long fanOut = 4L * in;
    weight =
        parameter(
            "weight", Parameter.Type.WEIGHT, new Shape(in, out, 2, 2), init.weight(fanIn, fanOut));
    bias =
        withBias
            ? parameter("bias", Parameter.Type.BIAS, new Shape(out), init.bias(fanIn, fanOut))
            : null;
  }

  /**
   * The functional form.
   *
   * @param x {@code (N,Cin,H,W)}
   * @param w {@code (Cin,Cout,2,2)}
   * @param b {@code (Cout)} or {@code null}
   * @return {@code (N,Cout,2H,2W)}
   */
  public static NDArray apply(NDArray x, NDArray w, NDArray b) {
    Shape xs = x.getShape();
    Shape ws = w.getShape();
    if (xs.dimension() != 4) {
      throw new IllegalArgumentException("x must have shape (N,Cin,H,W), got " + xs);
    }
    if (ws.dimension() != 4 || ws.get(0) != xs.get(1) || ws.get(2) != 2 || ws.get(3) != 2) {
      throw new IllegalArgumentException(
          "weight must have shape (" + xs.get(1) + ", Cout, 2, 2), got " + ws);
    }
    long cout = ws.get(1);
    if (b != null && b.getShape().size() != cout) {
      throw new IllegalArgumentException("bias must have " + cout + " values, got " + b.getShape());
    }
    long n = xs.get(0);
    long h = xs.get(2);
    long wd = xs.get(3);
    // (Cin,Cout,2,2) -> (Cout·4, Cin, 1, 1): output channel o·4 + a·2 + b.
    NDArray k = Operands.local(w.transpose(1, 2, 3, 0), x).reshape(cout * 4, xs.get(1), 1, 1);
    NDArray y = Conv2d.conv2d(x, k).get(0); // (N, Cout·4, H, W)
    y = y.reshape(n, cout, 2, 2, h, wd).transpose(0, 1, 4, 2, 5, 3).reshape(n, cout, 2 * h, 2 * wd);
    return b == null ? y : y.add(Operands.local(b.reshape(1, cout, 1, 1), x));
  }

  @Override
  protected NDArray compute(ParameterStore ps, NDArray x, boolean training) {
    if (x.getShape().get(1) != in) {
      throw new IllegalArgumentException(
          "expected " + in + " input channels, got shape " + x.getShape());
    }
    NDArray b = bias == null ? null : value(ps, bias, x, training);
    return apply(x, value(ps, weight, x, training), b);
  }

  /** Multiply-accumulates for an input of {@code h} × {@code w} positions. */
  public long macs(long h, long w) {
    return 4L * in * out * h * w;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape s = inputShapes[0];
    return new Shape[] {new Shape(s.get(0), out, 2 * s.get(2), 2 * s.get(3))};
  }
}
