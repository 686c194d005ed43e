package org.mlpvision.backbone.hire;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.mlpvision.backbone.Stages;
import org.mlpvision.nn.Layer;
import org.mlpvision.nn.LayerList;
import org.mlpvision.nn.Sequential;
import org.mlpvision.nn.UnaryLayer;

/**
 * The part shared by Hire-MLP's classifier and dense backbone: stem ({@code patch_embed}) and
 * {@code network} (stages at indices 0, 2, 4, 6, downsamplings at 1, 3, 5). Subclasses add the
 * heads; the child names make the official state-dict keys.
 */
abstract class HireMlpTrunk extends Layer {
  private static final String MODEL = "Hire-MLP";

  /** The stem is a 7x7 convolution with stride 4 and padding 2: smaller inputs have no output. */
  private static final long MIN_SIDE = 3;

  protected final HireMlpConfig config;
  private final ConvNormAct patchEmbed;
  private final List<Sequential<HireBlock>> stages = new ArrayList<>();
  private final List<ConvNormAct> downsamples = new ArrayList<>();

  HireMlpTrunk(HireMlpConfig config) {
    this.config = config;
    List<Integer> dims = config.embedDims();
    patchEmbed = addChildBlock("patch_embed", new ConvNormAct(3, dims.get(0), 7, 4, 2));
    LayerList<UnaryLayer> network = addChildBlock("network", new LayerList<>());
    List<List<Float>> rates = Stages.dropPathRates(config.depths(), config.dropPath());
    for (int i = 0; i < 4; i++) {
      Sequential<HireBlock> stage = new Sequential<>();
      for (int j = 0; j < config.depths().get(i); j++) {
        stage.add(
            new HireBlock(
                dims.get(i),
                config.mlpRatios().get(i),
                config.regionSizes().get(i),
                config.step(i, j),
                rates.get(i).get(j)));
      }
      network.add(stage);
      stages.add(stage);
      if (i < 3) {
        ConvNormAct down = new ConvNormAct(dims.get(i), dims.get(i + 1), 3, 2, 1);
        network.add(down);
        downsamples.add(down);
      }
    }
  }

  /** The architecture. */
  public HireMlpConfig config() {
    return config;
  }

  /** The blocks of stage {@code i} (0-based). */
  public List<HireBlock> stage(int i) {
    return stages.get(i).items();
  }

  /** The stem. */
  ConvNormAct stem() {
    return patchEmbed;
  }

  /**
   * The modules frozen by {@code frozen_stages = k}: the stem for k >= 0, then stages 1..k with the
   * downsampling that feeds each of them.
   */
  List<UnaryLayer> frozenParts(int frozenStages) {
    List<UnaryLayer> parts = new ArrayList<>();
    if (frozenStages >= 0) {
      parts.add(patchEmbed);
    }
    for (int i = 0; i < frozenStages; i++) {
      parts.add(stages.get(i));
      if (i > 0) {
        parts.add(downsamples.get(i - 1));
      }
    }
    return parts;
  }

  /**
   * Runs stem and the four stages; returns each stage's output before the next downsampling.
   *
   * @param frozenStages stem/stages up to this index run in inference mode
   */
  List<NDArray> stageOutputs(ParameterStore ps, NDArray x, boolean training, int frozenStages) {
    Stages.checkInput(MODEL, x.getShape(), MIN_SIDE);
    List<NDArray> outs = new ArrayList<>(4);
    NDArray y = patchEmbed.apply(ps, x, training && frozenStages < 0);
    for (int i = 0; i < 4; i++) {
      boolean t = training && frozenStages < i + 1;
      if (i > 0) {
        y = downsamples.get(i - 1).apply(ps, y, t);
      }
      y = stages.get(i).apply(ps, y, t);
      outs.add(y);
    }
    return outs;
  }

  /** Stride of stage {@code i}'s output: the stride-4 stem, then one stride-2 downsampling each. */
  static int stageStride(int i) {
    return 4 << i;
  }

  /** Spatial sizes of the four stage outputs for an H × W input. */
  static List<long[]> stageSizes(long h, long w) {
    Stages.checkSize(MODEL, h, w, MIN_SIDE);
    return Stages.halvings((h - 3) / 4 + 1, (w - 3) / 4 + 1);
  }

  /** Multiply-accumulates of stem, stages and downsamplings for an H × W input. */
  long trunkMacs(long h, long w) {
    List<long[]> sizes = stageSizes(h, w);
    long macs = patchEmbed.proj().macs(sizes.get(0)[0], sizes.get(0)[1]);
    for (int i = 0; i < 4; i++) {
      long[] s = sizes.get(i);
      if (i > 0) {
        macs += downsamples.get(i - 1).proj().macs(s[0], s[1]);
      }
      for (HireBlock b : stages.get(i).items()) {
        macs += b.macs(s[0], s[1]);
      }
    }
    return macs;
  }
}
