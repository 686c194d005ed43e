package org.mlpvision.backbone.asmlp;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import org.mlpvision.core.ops.DropPath;
import org.mlpvision.nn.ConvMlp;
import org.mlpvision.nn.GroupNormLayer;
import org.mlpvision.nn.Init;
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
    NDArray mixed = axialShift.apply(ps, norm1.apply(ps, x, training), training);
    NDArray y = x.add(DropPath.apply(mixed, dropPath, training));
    NDArray ff = mlp.apply(ps, norm2.apply(ps, y, training), training);
    return y.add(DropPath.apply(ff, dropPath, training));
  }

  /** Multiply-accumulates at {@code positions} spatial positions. */
  public long macs(long positions) {
    return axialShift.macs(positions) + mlp.macs(positions);
  }
}
