package org.mlpvision.backbone.asmlp;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.mlpvision.nn.Sequential;
import org.mlpvision.nn.UnaryLayer;

/**
 * One AS-MLP stage (official {@code BasicLayer}): {@code blocks} and, for stages 1–3, a {@code
 * downsample}. {@link #apply} runs the blocks only; the caller takes the stage output and then
 * calls {@link #downsample}.
 */
public final class AsLayer extends UnaryLayer {
  private final Sequential<AsBlock> blocks;
  private final PatchMerging downsample;

  /**
   * @param rates drop-path rate of each block
   * @param merge whether the stage ends with patch merging
   */
  public AsLayer(int dim, int shiftSize, double mlpRatio, List<Float> rates, boolean merge) {
    blocks = addChildBlock("blocks", new Sequential<>());
    for (float r : rates) {
      blocks.add(new AsBlock(dim, shiftSize, mlpRatio, r));
    }
    downsample = merge ? addChildBlock("downsample", new PatchMerging(dim)) : null;
  }

  /** The blocks in order. */
  public List<AsBlock> blocks() {
    return blocks.items();
  }

  @Override
  protected NDArray compute(ParameterStore ps, NDArray x, boolean training) {
    return blocks.apply(ps, x, training);
  }

  /** Patch merging of this stage's output ({@code x} itself for the last stage). */
  public NDArray downsample(ParameterStore ps, NDArray x, boolean training) {
    return downsample == null ? x : downsample.apply(ps, x, training);
  }

  /** The patch merging, or {@code null} for the last stage. */
  PatchMerging merging() {
    return downsample;
  }
}
