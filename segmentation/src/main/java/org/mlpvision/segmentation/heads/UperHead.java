package org.mlpvision.segmentation.heads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.mlpvision.backbone.FeatureMaps;
import org.mlpvision.backbone.FeatureSpec;
import org.mlpvision.core.ops.Resize;
import org.mlpvision.nn.ConvModule;
import org.mlpvision.nn.LayerList;

/**
 * mmseg's {@code UPerHead} (UperNet's decode head), with every ConvModule conv (no bias) + BN +
 * ReLU:
 *
 * <ol>
 *   <li>PPM on the coarsest level read: {@code cat[x, psp_modules(x)]} → 3×3 {@code bottleneck},
 *       which becomes the top lateral;
 *   <li>1×1 {@code lateral_convs} on the other levels;
 *   <li>top-down, cumulatively: {@code lateral[i-1] += bilinear(lateral[i])} from the top down (so
 *       each level receives the sum of everything above it);
 *   <li>3×3 {@code fpn_convs} on every lateral but the top (the PPM output is used as is);
 *   <li>all resized bilinearly to the finest size, concatenated, 3×3 {@code fpn_bottleneck}, {@code
 *       Dropout2d}, 1×1 {@code conv_seg}.
 * </ol>
 *
 * Channels come from the backbone's {@link FeatureSpec}s, so any backbone with any number of levels
 * fits.
 */
public final class UperHead extends DecodeHead {
  private final List<Integer> inIndex;
  private final PyramidPooling pspModules;
  private final ConvModule bottleneck;
  private final LayerList<ConvModule> lateralConvs = new LayerList<>();
  private final LayerList<ConvModule> fpnConvs = new LayerList<>();
  private final ConvModule fpnBottleneck;

  /**
   * @param levels the backbone's outputs, in order
   * @param inIndex the levels read, fine to coarse (negative indices count from the end)
   * @param poolScales PPM output sides (1, 2, 3, 6)
   * @param settings the shared head settings ({@code channels} is the width of every branch)
   */
  public UperHead(
      List<FeatureSpec> levels,
      List<Integer> inIndex,
      List<Integer> poolScales,
      HeadSettings settings) {
    super(settings);
    if (inIndex.isEmpty()) {
      throw new IllegalArgumentException("UPerHead needs at least one input level");
    }
    this.inIndex = List.copyOf(resolve(inIndex, levels.size()));
    int c = settings.channels();
    int n = this.inIndex.size();
    int top = levels.get(this.inIndex.get(n - 1)).channels();
    pspModules =
        addChildBlock(
            "psp_modules", new PyramidPooling(poolScales, top, c, settings.alignCorners()));
    bottleneck = addChildBlock("bottleneck", convModule(top + poolScales.size() * c, c, 3));
    for (int i = 0; i < n - 1; i++) {
      lateralConvs.add(convModule(levels.get(this.inIndex.get(i)).channels(), c, 1));
      fpnConvs.add(convModule(c, c, 3));
    }
    addChildBlock("lateral_convs", lateralConvs);
    addChildBlock("fpn_convs", fpnConvs);
    fpnBottleneck = addChildBlock("fpn_bottleneck", convModule(n * c, c, 3));
  }

  @Override
  public NDArray logits(ParameterStore ps, FeatureMaps features, boolean training) {
    List<NDArray> inputs = select(features, inIndex);
    int n = inputs.size();
    List<NDArray> laterals = new ArrayList<>(n);
    for (int i = 0; i < n - 1; i++) {
      laterals.add(lateralConvs.get(i).apply(ps, inputs.get(i), training));
    }
    laterals.add(pyramid(ps, inputs.get(n - 1), training));
    for (int i = n - 1; i > 0; i--) {
      NDArray below = laterals.get(i - 1);
      laterals.set(i - 1, below.add(resizeLike(laterals.get(i), below)));
    }
    NDList outs = new NDList(n);
    for (int i = 0; i < n - 1; i++) {
      outs.add(fpnConvs.get(i).apply(ps, laterals.get(i), training));
    }
    outs.add(laterals.get(n - 1));
    for (int i = n - 1; i > 0; i--) {
      outs.set(i, resizeLike(outs.get(i), outs.get(0)));
    }
    NDArray fused = fpnBottleneck.apply(ps, NDArrays.concat(outs, 1), training);
    return classify(ps, fused, training);
  }

  /** {@code bottleneck(cat[x, PPM(x)])}: mmseg's {@code psp_forward}. */
  private NDArray pyramid(ParameterStore ps, NDArray x, boolean training) {
    NDList parts = new NDList(x);
    parts.addAll(new NDList(pspModules.apply(ps, x, training)));
    return bottleneck.apply(ps, NDArrays.concat(parts, 1), training);
  }

  private NDArray resizeLike(NDArray x, NDArray like) {
    return Resize.bilinear(
        x, like.getShape().get(2), like.getShape().get(3), settings().alignCorners());
  }

  @Override
  public long macs(List<long[]> levelSizes) {
    int n = inIndex.size();
    long[] top = levelSizes.get(inIndex.get(n - 1));
    long[] fine = levelSizes.get(inIndex.get(0));
    long macs = pspModules.macs() + bottleneck.conv().macs(top[0], top[1]);
    for (int i = 0; i < n - 1; i++) {
      long[] s = levelSizes.get(inIndex.get(i));
      macs += lateralConvs.get(i).conv().macs(s[0], s[1]) + fpnConvs.get(i).conv().macs(s[0], s[1]);
    }
    return macs + fpnBottleneck.conv().macs(fine[0], fine[1]) + classifierMacs(fine);
  }

  @Override
  protected int outputLevel() {
    return inIndex.get(0);
  }
}
