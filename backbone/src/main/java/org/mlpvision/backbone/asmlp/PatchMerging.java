package org.mlpvision.backbone.asmlp;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.mlpvision.nn.Conv;
import org.mlpvision.nn.GroupNormLayer;
import org.mlpvision.nn.Init;
import org.mlpvision.nn.Release;
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
    long b = s.get(0);
    long c = s.get(1);
    long h2 = (s.get(2) + padH) / 2;
    long w2 = (s.get(3) + padW) / 2;
    // (B, C, H/2, row parity, W/2, col parity) -> (B, col parity, row parity, C, H/2, W/2): the
    // four sub-grids in the official order x0..x3 = channel block 2·colParity + rowParity, in one
    // copy instead of four strided slices and a concatenation.
    NDArray cat =
        y.reshape(b, c, h2, 2, w2, 2).transpose(0, 5, 3, 1, 2, 4).reshape(b, 4 * c, h2, w2);
    cat = Release.then(cat, norm.apply(ps, cat, training));
    return Release.then(cat, reduction.apply(ps, cat, training));
  }

  /** Multiply-accumulates for an output of {@code positions} positions. */
  public long macs(long positions) {
    return reduction.macs(positions, 1);
  }
}
