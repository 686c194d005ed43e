package org.mlpvision.detection.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * The mask head's {@code ConvTranspose2d(k=2, s=2)}, which DJL's PyTorch engine does not implement.
 * With kernel = stride the output blocks do not overlap: {@code out[n,o,2i+a,2j+b] = Σ_c
 * x[n,c,i,j]·w[c,o,a,b] + bias[o]}, i.e. a 1×1 convolution to {@code 4·Cout} channels followed by a
 * pixel shuffle. Parameters use PyTorch's layout, weight {@code (Cin, Cout, 2, 2)} and bias {@code
 * (Cout)}, so official weights load as they are.
 */
public final class ConvTranspose2x2 extends AbstractBlock {
  private final int outChannels;
  private final Parameter weight;
  private final Parameter bias;

  /**
   * @param outChannels output channels
   * @param withBias whether a bias is added
   */
  public ConvTranspose2x2(int outChannels, boolean withBias) {
    super((byte) 1);
    if (outChannels <= 0) {
      throw new IllegalArgumentException("outChannels must be > 0, got " + outChannels);
    }
    this.outChannels = outChannels;
    weight =
        addParameter(
            Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .optInitializer(new NormalInitializer(0.01f))
                .build());
    bias =
        withBias
            ? addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build())
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
    NDArray k = w.transpose(1, 2, 3, 0).reshape(cout * 4, xs.get(1), 1, 1);
    NDArray y = Conv2d.conv2d(x, k).get(0); // (N, Cout·4, H, W)
    y = y.reshape(n, cout, 2, 2, h, wd).transpose(0, 1, 4, 2, 5, 3).reshape(n, cout, 2 * h, 2 * wd);
    return b == null ? y : y.add(b.reshape(1, cout, 1, 1));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDArray w = ps.getValue(weight, x.getDevice(), training);
    NDArray b = bias == null ? null : ps.getValue(bias, x.getDevice(), training);
    return new NDList(apply(x, w, b));
  }

  @Override
  public void prepare(Shape[] inputShapes) {
    long cin = inputShapes[0].get(1);
    weight.setShape(new Shape(cin, outChannels, 2, 2));
    if (bias != null) {
      bias.setShape(new Shape(outChannels));
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape s = inputShapes[0];
    return new Shape[] {new Shape(s.get(0), outChannels, 2 * s.get(2), 2 * s.get(3))};
  }
}
