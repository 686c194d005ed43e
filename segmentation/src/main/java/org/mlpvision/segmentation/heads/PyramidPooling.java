package org.mlpvision.segmentation.heads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.mlpvision.core.ops.Resize;
import org.mlpvision.nn.ConvModule;
import org.mlpvision.nn.Layer;
import org.mlpvision.nn.Sequential;
import org.mlpvision.nn.UnaryLayer;

/**
 * mmseg's pyramid pooling module {@code PPM} ({@code psp_modules} of UPerHead): for each pool scale
 * s, a branch {@code s} = adaptive average pooling to s×s ({@code .0}) and a 1×1 ConvModule with BN
 * and ReLU ({@code .1}); each branch output is resized bilinearly back to the input size. The
 * branches are children {@code 0, 1, ...}, so state-dict keys read {@code
 * psp_modules.0.1.conv.weight}.
 */
public final class PyramidPooling extends Layer {
  private final List<Sequential<UnaryLayer>> branches = new ArrayList<>();
  private final boolean alignCorners;
  private final int channels;

  /**
   * @param poolScales output sides of the poolings, e.g. 1, 2, 3, 6
   * @param in input channels
   * @param channels output channels of every branch
   * @param alignCorners of the resize back to the input size
   */
  public PyramidPooling(List<Integer> poolScales, int in, int channels, boolean alignCorners) {
    if (poolScales.isEmpty()) {
      throw new IllegalArgumentException("pool_scales must not be empty");
    }
    this.alignCorners = alignCorners;
    this.channels = channels;
    for (int s : poolScales) {
      Sequential<UnaryLayer> branch = new Sequential<>();
      branch.add(new AdaptiveAvgPool(s));
      branch.add(DecodeHead.convModule(in, channels, 1));
      branches.add(addChildBlock(Integer.toString(branches.size()), branch));
    }
  }

  /** One {@code (N, channels, H, W)} map per pool scale, at the size of {@code x}. */
  public List<NDArray> apply(ParameterStore ps, NDArray x, boolean training) {
    long h = x.getShape().get(2);
    long w = x.getShape().get(3);
    List<NDArray> outs = new ArrayList<>(branches.size());
    for (Sequential<UnaryLayer> branch : branches) {
      outs.add(Resize.bilinear(branch.apply(ps, x, training), h, w, alignCorners));
    }
    return outs;
  }

  /** Multiply-accumulates of the branch convolutions (each on its pooled map). */
  public long macs() {
    long macs = 0;
    for (Sequential<UnaryLayer> branch : branches) {
      int s = ((AdaptiveAvgPool) branch.items().get(0)).size();
      macs += ((ConvModule) branch.items().get(1)).conv().macs(s, s);
    }
    return macs;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(apply(ps, inputs.singletonOrThrow(), training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape s = inputShapes[0];
    Shape[] out = new Shape[branches.size()];
    java.util.Arrays.fill(out, new Shape(s.get(0), channels, s.get(2), s.get(3)));
    return out;
  }
}
