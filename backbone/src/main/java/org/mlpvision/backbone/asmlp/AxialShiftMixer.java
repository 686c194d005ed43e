package org.mlpvision.backbone.asmlp;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import org.mlpvision.core.ops.AxialShift;
import org.mlpvision.nn.Conv;
import org.mlpvision.nn.GroupNormLayer;
import org.mlpvision.nn.Init;
import org.mlpvision.nn.Release;
import org.mlpvision.nn.UnaryLayer;

/**
 * AS-MLP's token mixer (official {@code AxialShift}, prefix {@code axial_shift}): {@code u =
 * GELU(GN(conv1(z)))}, two parallel branches {@code GELU(conv2_1(shiftW(u)))} and {@code
 * GELU(conv2_2(shiftH(u)))}, summed, {@code conv3(GN(·))}. The shifts fill with zeros.
 */
public final class AxialShiftMixer extends UnaryLayer {
  private final int shiftSize;
  private final Conv conv1;
  private final Conv conv21;
  private final Conv conv22;
  private final Conv conv3;
  private final GroupNormLayer norm1;
  private final GroupNormLayer norm2;

  /** A mixer over {@code dim} channels with {@code shiftSize} shift groups. */
  public AxialShiftMixer(int dim, int shiftSize) {
    this.shiftSize = shiftSize;
    Init init = Init.torchDefault();
    conv1 = addChildBlock("conv1", Conv.pointwise(dim, dim, true, init));
    conv21 = addChildBlock("conv2_1", Conv.pointwise(dim, dim, true, init));
    conv22 = addChildBlock("conv2_2", Conv.pointwise(dim, dim, true, init));
    conv3 = addChildBlock("conv3", Conv.pointwise(dim, dim, true, init));
    norm1 = addChildBlock("norm1", new GroupNormLayer(1, dim));
    norm2 = addChildBlock("norm2", new GroupNormLayer(1, dim));
  }

  @Override
  protected NDArray compute(ParameterStore ps, NDArray x, boolean training) {
    NDArray u = conv1.apply(ps, x, training);
    u = Release.then(u, norm1.apply(ps, u, training));
    u = Release.then(u, Activation.gelu(u));
    NDArray lr = shiftedBranch(ps, u, 3, conv21, training);
    NDArray td = Release.then(u, shiftedBranch(ps, u, 2, conv22, training));
    NDArray z = Release.then(lr, Release.then(td, lr.add(td)));
    z = Release.then(z, norm2.apply(ps, z, training));
    return Release.then(z, conv3.apply(ps, z, training));
  }

  /** {@code GELU(conv(shift(u)))} along {@code axis}, freeing its intermediates on the way. */
  private NDArray shiftedBranch(
      ParameterStore ps, NDArray u, int axis, Conv conv, boolean training) {
    NDArray s = AxialShift.shift(u, shiftSize, axis);
    NDArray y = conv.apply(ps, s, training);
    if (s != u) {
      s.close();
    }
    return Release.then(y, Activation.gelu(y));
  }

  /** Multiply-accumulates at {@code positions} spatial positions. */
  public long macs(long positions) {
    return conv1.macs(positions, 1)
        + conv21.macs(positions, 1)
        + conv22.macs(positions, 1)
        + conv3.macs(positions, 1);
  }
}
