package org.mlpvision.backbone.asmlp;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import org.mlpvision.nn.ConvMlp;
import org.mlpvision.nn.GroupNormLayer;
import org.mlpvision.nn.Init;
import org.mlpvision.nn.Release;
import org.mlpvision.nn.Residual;
import org.mlpvision.nn.UnaryLayer;

/**
 * One AS-MLP block (official {@code AxialShiftedBlock}): {@code x + DropPath(AS(norm1(x)))}, then
 * {@code x + DropPath(mlp(norm2(x)))}; every norm is a single-group GroupNorm.
 */
public final class AsBlock extends UnaryLayer {
  private final GroupNormLayer norm1;
  private final AxialShiftMixer axialShift;
  private final GroupNormLayer norm2;
  private final ConvMlp mlp;
  private final float dropPath;

  /** A block over {@code dim} channels. */
  public AsBlock(int dim, int shiftSize, double mlpRatio, float dropPath) {
    this.dropPath = dropPath;
    norm1 = addChildBlock("norm1", new GroupNormLayer(1, dim));
    axialShift = addChildBlock("axial_shift", new AxialShiftMixer(dim, shiftSize));
    norm2 = addChildBlock("norm2", new GroupNormLayer(1, dim));
    mlp = addChildBlock("mlp", new ConvMlp(dim, (int) (dim * mlpRatio), dim, Init.torchDefault()));
  }

  /** This block's drop-path rate. */
  public float dropPath() {
    return dropPath;
  }

  @Override
  protected NDArray compute(ParameterStore ps, NDArray x, boolean training) {
    NDArray y = Residual.preNorm(ps, x, norm1, axialShift, dropPath, training);
    return Release.then(y, Residual.preNorm(ps, y, norm2, mlp, dropPath, training));
  }

  /** Multiply-accumulates at {@code positions} spatial positions. */
  public long macs(long positions) {
    return axialShift.macs(positions) + mlp.macs(positions);
  }
}
