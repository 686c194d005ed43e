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
 * AS-MLP's stem ({@code patch_embed}): zero-pad bottom/right to a multiple of 4, 4×4 stride-4 conv
 * {@code proj}, single-group GroupNorm {@code norm}.
 */
public final class PatchEmbed extends UnaryLayer {
  private final Conv proj;
  private final GroupNormLayer norm;

  /** A stem producing {@code dim} channels. */
  public PatchEmbed(int dim) {
    proj =
        addChildBlock(
            "proj",
            Conv.builder()
                .setChannels(3, dim)
                .setKernel(4)
                .optStride(4)
                .optPadding(0)
                .optInit(Init.torchDefault())
                .build());
    norm = addChildBlock("norm", new GroupNormLayer(1, dim));
  }

  @Override
  protected NDArray compute(ParameterStore ps, NDArray x, boolean training) {
    Shape s = x.getShape();
    long padH = Math.floorMod(-s.get(2), 4L);
    long padW = Math.floorMod(-s.get(3), 4L);
    NDArray y = padH + padW > 0 ? x.pad(new Shape(0, padW, 0, padH), 0) : x;
    NDArray z = proj.apply(ps, y, training);
    return Release.then(z, norm.apply(ps, z, training));
  }

  /** Multiply-accumulates for an output of {@code positions} positions. */
  public long macs(long positions) {
    return proj.macs(positions, 1);
  }
}
