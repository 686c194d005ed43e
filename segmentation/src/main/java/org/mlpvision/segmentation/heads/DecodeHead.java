package org.mlpvision.segmentation.heads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlpvision.backbone.FeatureMaps;
import org.mlpvision.nn.Conv;
import org.mlpvision.nn.ConvModule;
import org.mlpvision.nn.Init;
import org.mlpvision.nn.Layer;

/**
 * Base of the segmentation heads (mmseg's {@code BaseDecodeHead}): a head reads some of the
 * backbone's levels (by index into the backbone outputs, as mmseg's {@code in_index}) and ends in
 * {@code Dropout2d} and a 1×1 {@code conv_seg} with bias, initialised N(0, 0.01). {@link #loss}
 * applies mmseg 0.11's loss to its logits.
 *
 * <p>As a DJL block its forward takes the backbone levels as an {@code NDList} in output order and
 * returns the logits.
 */
public abstract class DecodeHead extends Layer {
  private final HeadSettings settings;
  private final Conv convSeg;

  /** Adds {@code conv_seg} first, as mmseg's base constructor does. */
  protected DecodeHead(HeadSettings settings) {
    this.settings = settings;
    convSeg =
        addChildBlock(
            "conv_seg",
            Conv.pointwise(settings.channels(), settings.numClasses(), true, Init.normal(0.01)));
  }

  /** The shared settings. */
  public HeadSettings settings() {
    return settings;
  }

  /** Number of classes. */
  public int numClasses() {
    return settings.numClasses();
  }

  /**
   * Raw class logits {@code (N, K, h, w)} at the resolution of the finest level the head reads.
   *
   * @param features every backbone level, in output order
   */
  public abstract NDArray logits(ParameterStore ps, FeatureMaps features, boolean training);

  /**
   * Convolution multiply-accumulates of one forward on one image.
   *
   * @param levelSizes {@code {h, w}} of every backbone level, in output order
   */
  public abstract long macs(List<long[]> levelSizes);

  /** Multiply-accumulates of {@code conv_seg} on an {@code h × w} map. */
  protected final long classifierMacs(long[] size) {
    return convSeg.macs(size[0], size[1]);
  }

  /** mmseg's ConvModule of the heads: conv without bias, BN, ReLU, "same" padding. */
  protected static ConvModule convModule(int in, int out, int kernel) {
    return ConvModule.builder()
        .setChannels(in, out)
        .setKernel(kernel)
        .optPadding(kernel / 2)
        .optBatchNorm()
        .build();
  }

  /** Dropout (in training) and {@code conv_seg}: mmseg's {@code cls_seg}. */
  protected final NDArray classify(ParameterStore ps, NDArray features, boolean training) {
    NDArray x = ChannelDropout.apply(features, (float) settings.dropoutRatio(), training);
    return convSeg.apply(ps, x, training);
  }

  /** The weighted loss and the accuracy of {@code logits} against {@code labels (N, H, W)}. */
  public SegmentationLoss loss(NDArray logits, NDArray labels) {
    return SegmentationLoss.of(
        logits, labels, settings.ignoreIndex(), settings.alignCorners(), settings.lossWeight());
  }

  /** Index of the backbone level whose size the logits have (the finest level read). */
  protected abstract int outputLevel();

  /**
   * {@code inIndex} as non-negative indices into {@code levels} backbone levels (negative ones
   * count from the end, as Python's).
   *
   * @throws IllegalArgumentException for an index out of range
   */
  protected static List<Integer> resolve(List<Integer> inIndex, int levels) {
    List<Integer> out = new ArrayList<>(inIndex.size());
    for (int i : inIndex) {
      int k = i < 0 ? levels + i : i;
      if (k < 0 || k >= levels) {
        throw new IllegalArgumentException(
            "in_index " + i + " is out of range for " + levels + " backbone levels");
      }
      out.add(k);
    }
    return out;
  }

  /** The levels of {@code features} at resolved {@code indices}. */
  protected static List<NDArray> select(FeatureMaps features, List<Integer> indices) {
    List<NDArray> levels = new ArrayList<>(features.maps().values());
    List<NDArray> out = new ArrayList<>(indices.size());
    for (int k : indices) {
      if (k >= levels.size()) {
        throw new IllegalArgumentException(
            "the head reads level " + k + " but the backbone gave " + levels.size());
      }
      out.add(levels.get(k));
    }
    return out;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    Map<String, NDArray> maps = new LinkedHashMap<>();
    for (int i = 0; i < inputs.size(); i++) {
      maps.put("level" + i, inputs.get(i));
    }
    return new NDList(logits(ps, new FeatureMaps(maps), training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape s = inputShapes[outputLevel()];
    return new Shape[] {new Shape(s.get(0), numClasses(), s.get(2), s.get(3))};
  }
}
