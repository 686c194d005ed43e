package org.mlpvision.segmentation.heads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.mlpvision.backbone.FeatureMaps;
import org.mlpvision.backbone.FeatureSpec;
import org.mlpvision.nn.ConvModule;
import org.mlpvision.nn.Sequential;

/**
 * mmseg's {@code FCNHead}, UperNet's auxiliary head: on one backbone level, {@code num_convs}
 * ConvModules ({@code convs.0, convs.1, ...}; conv + BN + ReLU, "same" padding), optionally {@code
 * conv_cat} over {@code cat[input, convs(input)]}, then {@code Dropout2d} and {@code conv_seg}.
 */
public final class FcnHead extends DecodeHead {
  private final int inIndex;
  private final Sequential<ConvModule> convs;
  private final ConvModule convCat;

  /**
   * @param levels the backbone's outputs, in order
   * @param inIndex the level read (negative counts from the end)
   * @param numConvs ConvModules before the classifier; with 0 the input must have {@code channels}
   * @param kernelSize side of every ConvModule kernel (odd)
   * @param concatInput add {@code conv_cat} over the input and the convs' output
   * @param settings the shared head settings
   */
  public FcnHead(
      List<FeatureSpec> levels,
      int inIndex,
      int numConvs,
      int kernelSize,
      boolean concatInput,
      HeadSettings settings) {
    super(settings);
    if (numConvs < 0 || kernelSize < 1 || kernelSize % 2 == 0) {
      throw new IllegalArgumentException(
          "FCNHead needs num_convs >= 0 and an odd kernel_size, got "
              + numConvs
              + ", "
              + kernelSize);
    }
    this.inIndex = resolve(List.of(inIndex), levels.size()).get(0);
    int in = levels.get(this.inIndex).channels();
    int c = settings.channels();
    if (numConvs == 0 && in != c) {
      throw new IllegalArgumentException(
          "FCNHead with num_convs 0 needs input channels == channels, got " + in + ", " + c);
    }
    convs = new Sequential<>();
    for (int i = 0; i < numConvs; i++) {
      convs.add(convModule(i == 0 ? in : c, c, kernelSize));
    }
    if (numConvs > 0) {
      addChildBlock("convs", convs);
    }
    convCat = concatInput ? addChildBlock("conv_cat", convModule(in + c, c, kernelSize)) : null;
  }

  @Override
  public NDArray logits(ParameterStore ps, FeatureMaps features, boolean training) {
    NDArray x = select(features, List.of(inIndex)).get(0);
    NDArray out = convs.apply(ps, x, training);
    if (convCat != null) {
      out = convCat.apply(ps, NDArrays.concat(new NDList(x, out), 1), training);
    }
    return classify(ps, out, training);
  }

  @Override
  public long macs(List<long[]> levelSizes) {
    long[] s = levelSizes.get(inIndex);
    long macs = classifierMacs(s);
    for (ConvModule c : convs.items()) {
      macs += c.conv().macs(s[0], s[1]);
    }
    return convCat == null ? macs : macs + convCat.conv().macs(s[0], s[1]);
  }

  @Override
  protected int outputLevel() {
    return inIndex;
  }
}
