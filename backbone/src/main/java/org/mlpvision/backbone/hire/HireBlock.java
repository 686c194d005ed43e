package org.mlpvision.backbone.hire;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import org.mlpvision.nn.BatchNorm2d;
import org.mlpvision.nn.ConvMlp;
import org.mlpvision.nn.Init;
import org.mlpvision.nn.Release;
import org.mlpvision.nn.Residual;
import org.mlpvision.nn.UnaryLayer;

/**
 * One Hire-MLP block: {@code x + DropPath(attn(norm1(x)))}, then {@code x +
 * DropPath(mlp(norm2(x)))}, BatchNorm pre-norms and a 4× channel MLP.
 */
public final class HireBlock extends UnaryLayer {
  private final BatchNorm2d norm1;
  private final HireMixer attn;
  private final BatchNorm2d norm2;
  private final ConvMlp mlp;
  private final float dropPath;

  /**
   * @param dim channels
   * @param mlpRatio hidden width of the channel MLP as a multiple of {@code dim}
   * @param region region size p
   * @param step cross-region step
   * @param dropPath this block's drop-path rate
   */
  public HireBlock(int dim, double mlpRatio, int region, int step, float dropPath) {
    this.dropPath = dropPath;
    norm1 = addChildBlock("norm1", new BatchNorm2d(dim));
    attn = addChildBlock("attn", new HireMixer(dim, region, step));
    norm2 = addChildBlock("norm2", new BatchNorm2d(dim));
    mlp =
        addChildBlock("mlp", new ConvMlp(dim, (int) (dim * mlpRatio), dim, Init.truncNormal(0.02)));
  }

  /** The token mixer. */
  public HireMixer mixer() {
    return attn;
  }

  /** This block's drop-path rate. */
  public float dropPath() {
    return dropPath;
  }

  @Override
  protected NDArray compute(ParameterStore ps, NDArray x, boolean training) {
    NDArray y = Residual.preNorm(ps, x, norm1, attn, dropPath, training);
    return Release.then(y, Residual.preNorm(ps, y, norm2, mlp, dropPath, training));
  }

  /** Multiply-accumulates for an H × W input. */
  public long macs(long h, long w) {
    return attn.macs(h, w) + mlp.macs(h * w);
  }
}
