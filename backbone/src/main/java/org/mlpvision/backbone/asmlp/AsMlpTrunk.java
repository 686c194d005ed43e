package org.mlpvision.backbone.asmlp;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.mlpvision.backbone.Stages;
import org.mlpvision.nn.Layer;
import org.mlpvision.nn.LayerList;
import org.mlpvision.nn.UnaryLayer;

/**
 * The part shared by AS-MLP's classifier and dense backbone: {@code patch_embed} and {@code
 * layers.0..3} (each with its blocks and, for 0..2, its patch merging).
 */
abstract class AsMlpTrunk extends Layer {
  private static final String MODEL = "AS-MLP";

  protected final AsMlpConfig config;
  private final PatchEmbed patchEmbed;
  private final List<AsLayer> layers = new ArrayList<>();

  AsMlpTrunk(AsMlpConfig config) {
    this.config = config;
    patchEmbed = addChildBlock("patch_embed", new PatchEmbed(config.embedDim()));
    LayerList<AsLayer> list = addChildBlock("layers", new LayerList<>());
    List<List<Float>> rates = Stages.dropPathRates(config.depths(), config.dropPath());
    for (int i = 0; i < 4; i++) {
      layers.add(
          list.add(
              new AsLayer(
                  config.dim(i), config.shiftSize(), config.mlpRatio(), rates.get(i), i < 3)));
    }
  }

  /** The architecture. */
  public AsMlpConfig config() {
    return config;
  }

  /** Stage {@code i} (0-based). */
  public AsLayer layer(int i) {
    return layers.get(i);
  }

  /** Stem and the stages {@code 1..frozenStages}, for freezing. */
  List<UnaryLayer> frozenParts(int frozenStages) {
    List<UnaryLayer> parts = new ArrayList<>();
    if (frozenStages >= 0) {
      parts.add(patchEmbed);
    }
    for (int i = 0; i < frozenStages; i++) {
      parts.add(layers.get(i));
    }
    return parts;
  }

  /** Each stage's output before its patch merging. */
  List<NDArray> stageOutputs(ParameterStore ps, NDArray x, boolean training, int frozenStages) {
    Stages.checkInput(MODEL, x.getShape(), 1);
    List<NDArray> outs = new ArrayList<>(4);
    NDArray y = patchEmbed.apply(ps, x, training && frozenStages < 0);
    for (int i = 0; i < 4; i++) {
      boolean t = training && frozenStages < i + 1;
      NDArray out = layers.get(i).apply(ps, y, t);
      outs.add(out);
      if (i < 3) {
        y = layers.get(i).downsample(ps, out, t);
      }
    }
    return outs;
  }

  /** Stride of stage {@code i}'s output: the 4x4 patch stem, then one 2x merging per stage. */
  static int stageStride(int i) {
    return 4 << i;
  }

  /** Spatial sizes of the stage outputs: ceil(S/4), then ceil(/2). */
  static List<long[]> stageSizes(long h, long w) {
    Stages.checkSize(MODEL, h, w, 1); // the stem pads to a multiple of 4
    return Stages.halvings((h + 3) / 4, (w + 3) / 4);
  }

  /** Multiply-accumulates of stem, stages and mergings for an H × W input. */
  long trunkMacs(long h, long w) {
    List<long[]> sizes = stageSizes(h, w);
    long macs = patchEmbed.macs(sizes.get(0)[0] * sizes.get(0)[1]);
    for (int i = 0; i < 4; i++) {
      long positions = sizes.get(i)[0] * sizes.get(i)[1];
      for (AsBlock b : layers.get(i).blocks()) {
        macs += b.macs(positions);
      }
      if (i < 3) {
        macs += layers.get(i).merging().macs(sizes.get(i + 1)[0] * sizes.get(i + 1)[1]);
      }
    }
    return macs;
  }
}
