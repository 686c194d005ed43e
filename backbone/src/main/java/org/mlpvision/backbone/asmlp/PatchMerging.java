package org.mlpvision.backbone.asmlp;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.mlpvision.nn.Conv;
import org.mlpvision.nn.GroupNormLayer;
import org.mlpvision.nn.Init;
import org.mlpvision.nn.UnaryLayer;

/**
 * AS-MLP's downsampling ({@code downsample}): odd sizes get one zero row/column at the bottom/right
 * (segmentation behaviour), then the four stride-2 sub-grids in the order (even row, even col),
 * (odd row, even col), (even row, odd col), (odd row, odd col) are concatenated on channels,
 * normalised ({@code norm}) and reduced by a 1×1 conv without bias ({@code reduction}).
 */
public final class PatchMerging extends UnaryLayer {
  private final GroupNormLayer norm;
  private final Conv reduction;

  /** Merges {@code dim} channels into {@code 2·dim}. */
  public PatchMerging(int dim) {
    norm = addChildBlock("norm", new GroupNormLayer(1, 4 * dim));
    reduction =
        addChildBlock("reduction", Conv.pointwise(4 * dim, 2 * dim, false, Init.torchDefault()));
  }

  @Override
  protected NDArray compute(ParameterStore ps, NDArray x, boolean training) {
    Shape s = x.getShape();
    long padH = s.get(2) % 2;
    long padW = s.get(3) % 2;
    NDArray y = padH + padW > 0 ? x.pad(new Shape(0, padW, 0, padH), 0) : x;
    NDArray x0 = y.get(":, :, 0::2, 0::2");
    NDArray x1 = y.get(":, :, 1::2, 0::2");
    NDArray x2 = y.get(":, :, 0::2, 1::2");
    NDArray x3 = y.get(":, :, 1::2, 1::2");
    NDArray cat = NDArrays.concat(new NDList(x0, x1, x2, x3), 1);
    return reduction.apply(ps, norm.apply(ps, cat, training), training);
  }

  /** Multiply-accumulates for an output of {@code positions} positions. */
  public long macs(long positions) {
    return reduction.macs(positions, 1);
  }
}
