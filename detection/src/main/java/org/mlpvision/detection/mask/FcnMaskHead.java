package org.mlpvision.detection.mask;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import org.mlpvision.core.loss.Reduction;
import org.mlpvision.core.loss.SigmoidBce;
import org.mlpvision.nn.Conv;
import org.mlpvision.nn.ConvModule;
import org.mlpvision.nn.ConvTranspose2x2;
import org.mlpvision.nn.Init;
import org.mlpvision.nn.Sequential;
import org.mlpvision.nn.UnaryLayer;

/**
 * mmdet's {@code FCNMaskHead} (spec §5): {@code convs} (3×3 ConvModules + ReLU, no norm), {@code
 * upsample} (2×2 stride-2 transposed conv) + ReLU, {@code conv_logits} (1×1 to one map per class).
 * Kaiming-normal (fan-out) weights, zero bias. Maps {@code (K, C, S, S)} pooled features to {@code
 * (K, classes, 2S, 2S)} logits.
 */
public final class FcnMaskHead extends UnaryLayer {
  private final Sequential<ConvModule> convs;
  private final ConvTranspose2x2 upsample;
  private final Conv convLogits;
  private final int numClasses;
  private final double lossWeight;
  private final int roiSize;

  FcnMaskHead(FcnMaskHeadConfig c) {
    numClasses = c.numClasses();
    lossWeight = c.lossMask().lossWeight();
    roiSize = c.roiFeatSize();
    convs = addChildBlock("convs", new Sequential<>());
    int channels = c.inChannels();
    for (int i = 0; i < c.numConvs(); i++) {
      convs.add(
          ConvModule.builder()
              .setChannels(channels, c.convOutChannels())
              .setKernel(3)
              .optPadding(1)
              .build());
      channels = c.convOutChannels();
    }
    upsample =
        addChildBlock(
            "upsample", new ConvTranspose2x2(channels, channels, true, Init.kaimingNormal()));
    convLogits =
        addChildBlock(
            "conv_logits", Conv.pointwise(channels, numClasses, true, Init.kaimingNormal()));
  }

  /** Foreground classes. */
  public int numClasses() {
    return numClasses;
  }

  @Override
  protected NDArray compute(ParameterStore ps, NDArray x, boolean training) {
    NDArray y = convs.apply(ps, x, training);
    y = Activation.relu(upsample.apply(ps, y, training));
    return convLogits.apply(ps, y, training);
  }

  /** Each RoI's logit map of its label, {@code (K, 2S, 2S)}. */
  public static NDArray mapsOf(NDArray logits, NDArray labels) {
    Shape s = logits.getShape();
    long k = s.get(0);
    NDArray idx =
        labels
            .toType(DataType.INT64, false)
            .reshape(k, 1, 1, 1)
            .repeat(2, s.get(2))
            .repeat(3, s.get(3));
    return logits.gather(idx, 1).reshape(k, s.get(2), s.get(3));
  }

  /**
   * mmdet's {@code mask_cross_entropy}: BCE-with-logits of each RoI's label map against its binary
   * target, averaged over all pixels of all RoIs, times {@code loss_weight}; with no RoIs, the
   * graph-connected sum of the empty logits (0).
   *
   * @param logits {@code (K, classes, M, M)}
   * @param targets {@code (K, M, M)} in {0,1}
   * @param labels {@code (K)} int64
   */
  public NDArray loss(NDArray logits, NDArray targets, NDArray labels) {
    if (logits.getShape().get(0) == 0) {
      return logits.sum();
    }
    NDArray maps = mapsOf(logits, labels);
    NDArray l =
        SigmoidBce.loss(
            maps, targets.toType(maps.getDataType(), false), null, Reduction.MEAN, null);
    return Reduction.scale(l, lossWeight);
  }

  /** Multiply-accumulates of the head on {@code k} RoIs. */
  public long macs(long k) {
    long macs = 0;
    for (ConvModule c : convs.items()) {
      macs += c.conv().macs(roiSize, roiSize);
    }
    macs += upsample.macs(roiSize, roiSize) + convLogits.macs(2L * roiSize, 2L * roiSize);
    return k * macs;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape s = inputShapes[0];
    return new Shape[] {new Shape(s.get(0), numClasses, 2 * s.get(2), 2 * s.get(3))};
  }
}
