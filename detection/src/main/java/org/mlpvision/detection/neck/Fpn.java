package org.mlpvision.detection.neck;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlpvision.backbone.Backbone;
import org.mlpvision.backbone.FeatureMaps;
import org.mlpvision.backbone.FeatureSpec;
import org.mlpvision.core.ops.HostArrays;
import org.mlpvision.nn.ConvModule;
import org.mlpvision.nn.Init;
import org.mlpvision.nn.Layer;
import org.mlpvision.nn.LayerList;

/**
 * mmdet's FPN (spec §1): for the backbone outputs from {@code start_level} on, 1×1 laterals, a
 * top-down pass that adds each level, nearest-upsampled to the exact size of the level below, and
 * 3×3 output convolutions; further levels ({@code num_outs} beyond the backbone's) are {@code
 * max_pool2d(kernel 1, stride 2)} of the last, i.e. every other pixel (P6 of P5). Xavier-uniform
 * weights, zero bias. Outputs are named {@code p<log2 stride>} ({@code p2} .. {@code p6}).
 */
public final class Fpn extends Layer implements Neck {
  private final Backbone bottomUp;
  private final int startLevel;
  private final LayerList<ConvModule> lateralConvs;
  private final LayerList<ConvModule> fpnConvs;
  private final List<FeatureSpec> outputs;

  /**
   * @param bottomUp the backbone read (not a child; see {@link Neck})
   * @param config the FPN settings; {@code in_channels} must list the backbone's output channels
   */
  public Fpn(Backbone bottomUp, FpnConfig config) {
    this.bottomUp = bottomUp;
    this.startLevel = config.startLevel();
    List<FeatureSpec> in = bottomUp.outputShapes();
    List<Integer> channels = in.stream().map(FeatureSpec::channels).toList();
    if (!channels.equals(config.inChannels())) {
      throw new IllegalArgumentException(
          "in_channels " + config.inChannels() + " must equal the backbone's " + channels);
    }
    int out = config.outChannels();
    lateralConvs = addChildBlock("lateral_convs", new LayerList<>());
    fpnConvs = addChildBlock("fpn_convs", new LayerList<>());
    List<FeatureSpec> specs = new ArrayList<>();
    for (int i = startLevel; i < in.size(); i++) {
      lateralConvs.add(conv(in.get(i).channels(), out, 1));
      fpnConvs.add(conv(out, out, 3));
      specs.add(spec(out, in.get(i).stride()));
    }
    while (specs.size() < config.numOuts()) {
      specs.add(spec(out, specs.get(specs.size() - 1).stride() * 2));
    }
    this.outputs = List.copyOf(specs);
  }

  private static ConvModule conv(int in, int out, int kernel) {
    return ConvModule.builder()
        .setChannels(in, out)
        .setKernel(kernel)
        .optPadding(kernel / 2)
        .optRelu(false)
        .optInit(Init.xavierUniform())
        .build();
  }

  private static FeatureSpec spec(int channels, int stride) {
    return new FeatureSpec("p" + Integer.numberOfTrailingZeros(stride), channels, stride);
  }

  @Override
  public Backbone bottomUp() {
    return bottomUp;
  }

  @Override
  public List<FeatureSpec> outputShapes() {
    return outputs;
  }

  @Override
  public FeatureMaps apply(ParameterStore ps, FeatureMaps bottomUpMaps, boolean training) {
    List<String> names = bottomUpMaps.names();
    int expected = bottomUp.outputShapes().size();
    if (names.size() != expected) {
      throw new IllegalArgumentException(
          "the FPN reads " + expected + " backbone outputs, got " + names);
    }
    int used = lateralConvs.size();
    List<NDArray> laterals = new ArrayList<>();
    for (int i = 0; i < used; i++) {
      NDArray x = bottomUpMaps.get(names.get(startLevel + i));
      laterals.add(lateralConvs.get(i).apply(ps, x, training));
    }
    for (int i = used - 1; i > 0; i--) {
      Shape below = laterals.get(i - 1).getShape();
      NDArray up = nearest(laterals.get(i), below.get(2), below.get(3));
      laterals.set(i - 1, laterals.get(i - 1).add(up));
    }
    Map<String, NDArray> out = new LinkedHashMap<>();
    NDArray last = null;
    for (int i = 0; i < outputs.size(); i++) {
      last =
          i < used
              ? fpnConvs.get(i).apply(ps, laterals.get(i), training)
              : last.get(new NDIndex(":, :, ::2, ::2"));
      out.put(outputs.get(i).name(), last);
    }
    return new FeatureMaps(out);
  }

  /**
   * PyTorch's {@code interpolate(mode='nearest', size=(h, w))}: output index {@code i} reads input
   * {@code min(floor(i·(in/out)), in-1)}, the scale computed in float32 as PyTorch does.
   */
  static NDArray nearest(NDArray x, long h, long w) {
    Shape s = x.getShape();
    NDArray y = x;
    if (s.get(2) != h) {
      y = y.get(new NDIndex(":, :, {}", sourceIndex(x.getManager(), s.get(2), h, x)));
    }
    if (s.get(3) != w) {
      y = y.get(new NDIndex(":, :, :, {}", sourceIndex(x.getManager(), s.get(3), w, x)));
    }
    return y;
  }

  private static NDArray sourceIndex(NDManager m, long in, long out, NDArray like) {
    long[] idx = new long[Math.toIntExact(out)];
    float scale = (float) in / (float) out;
    for (int i = 0; i < idx.length; i++) {
      idx[i] = Math.min((long) Math.floor(i * scale), in - 1);
    }
    return HostArrays.longs(m, idx, like.getDevice());
  }

  @Override
  public List<long[]> outputSizes(long height, long width) {
    List<long[]> in = bottomUp.outputSizes(height, width);
    List<long[]> sizes = new ArrayList<>(in.subList(startLevel, in.size()));
    while (sizes.size() < outputs.size()) {
      long[] last = sizes.get(sizes.size() - 1);
      sizes.add(new long[] {(last[0] + 1) / 2, (last[1] + 1) / 2});
    }
    return sizes;
  }

  /** The neck's own multiply-accumulates (the bottom-up backbone's are not included). */
  public long neckMacs(long height, long width) {
    List<long[]> sizes = outputSizes(height, width);
    long macs = 0;
    for (int i = 0; i < lateralConvs.size(); i++) {
      long hw = sizes.get(i)[0] * sizes.get(i)[1];
      macs += lateralConvs.get(i).conv().macs(1, hw) + fpnConvs.get(i).conv().macs(1, hw);
    }
    return macs;
  }

  @Override
  public long macs(long height, long width) {
    return bottomUp.macs(height, width) + neckMacs(height, width);
  }

  @Override
  public int sizeDivisibility() {
    // The extra levels subsample with ceil, so the bottom-up backbone's multiple suffices.
    return bottomUp.sizeDivisibility();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return extract(ps, inputs.singletonOrThrow(), training).toNDList();
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    List<long[]> sizes = outputSizes(in.get(2), in.get(3));
    Shape[] shapes = new Shape[outputs.size()];
    for (int i = 0; i < shapes.length; i++) {
      shapes[i] = new Shape(in.get(0), outputs.get(i).channels(), sizes.get(i)[0], sizes.get(i)[1]);
    }
    return shapes;
  }
}
