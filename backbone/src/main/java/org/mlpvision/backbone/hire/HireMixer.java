package org.mlpvision.backbone.hire;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import org.mlpvision.core.ops.Scalars;
import org.mlpvision.nn.BatchNorm2d;
import org.mlpvision.nn.Conv;
import org.mlpvision.nn.ConvMlp;
import org.mlpvision.nn.Init;
import org.mlpvision.nn.Release;
import org.mlpvision.nn.UnaryLayer;

/**
 * Hire-MLP's token mixer (official {@code HireMLP}, state-dict prefix {@code attn}): an h-branch
 * mixing {@code p} consecutive rows of each column, a w-branch doing the same on columns (both
 * after a circular cross-region shift by the block's step), a channel branch, fused by
 * split-attention re-weighting and projected.
 *
 * <p>Inner-region layout: the rows of a region are moved next to the channel, giving channel index
 * {@code c·p + r} (channel-major, offset-minor), as the official rearrangement.
 */
public final class HireMixer extends UnaryLayer {
  private final int dim;
  private final int region;
  private final int step;
  private final Conv mlpH1;
  private final BatchNorm2d mlpH1Norm;
  private final Conv mlpH2;
  private final Conv mlpW1;
  private final BatchNorm2d mlpW1Norm;
  private final Conv mlpW2;
  private final Conv mlpC;
  private final ConvMlp reweight;
  private final Conv proj;

  /**
   * @param dim channels C
   * @param region region size p
   * @param step cross-region shift s (0 = none)
   */
  public HireMixer(int dim, int region, int step) {
    this.dim = dim;
    this.region = region;
    this.step = step;
    int inner = dim / 2;
    Init init = Init.truncNormal(0.02);
    mlpH1 = addChildBlock("mlp_h1", Conv.pointwise(dim * region, inner, false, init));
    mlpH1Norm = addChildBlock("mlp_h1_norm", new BatchNorm2d(inner));
    mlpH2 = addChildBlock("mlp_h2", Conv.pointwise(inner, dim * region, true, init));
    mlpW1 = addChildBlock("mlp_w1", Conv.pointwise(dim * region, inner, false, init));
    mlpW1Norm = addChildBlock("mlp_w1_norm", new BatchNorm2d(inner));
    mlpW2 = addChildBlock("mlp_w2", Conv.pointwise(inner, dim * region, true, init));
    mlpC = addChildBlock("mlp_c", Conv.pointwise(dim, dim, true, init));
    reweight = addChildBlock("reweight", new ConvMlp(dim, dim / 4, dim * 3, init));
    proj = addChildBlock("proj", Conv.pointwise(dim, dim, true, init));
  }

  /** The cross-region step of this mixer. */
  public int step() {
    return step;
  }

  @Override
  protected NDArray compute(ParameterStore ps, NDArray x, boolean training) {
    Shape s = x.getShape();
    long b = s.get(0);
    NDArray hb = branch(ps, x, 2, mlpH1, mlpH1Norm, mlpH2, training);
    NDArray wb = branch(ps, x, 3, mlpW1, mlpW1Norm, mlpW2, training);
    NDArray cb = mlpC.apply(ps, x, training);

    // (B, C, 3) -> three (B, C, 1, 1) views in one call.
    NDList a = branchWeights(ps, hb, wb, cb, training).reshape(b, dim, 3, 1).split(3, 2);
    NDArray mixed = Release.then(hb, hb.mul(a.get(0)));
    mixed = Release.then(mixed, mixed.add(Release.then(wb, wb.mul(a.get(1)))));
    mixed = Release.then(mixed, mixed.add(Release.then(cb, cb.mul(a.get(2)))));
    return Release.then(mixed, proj.apply(ps, mixed, training));
  }

  /**
   * Split-attention weights (B, C, 3) of the h, w and c branches: softmax over the branch axis of
   * the re-weight MLP applied to the spatial mean of their sum; logit {@code 3c + k} is branch k.
   */
  NDArray branchWeights(ParameterStore ps, NDArray hb, NDArray wb, NDArray cb, boolean training) {
    Shape s = hb.getShape();
    // mean(h + w + c) as the sum of three means: no full-size temporaries.
    int[] spatial = {2, 3};
    NDArray a =
        Scalars.div(
            hb.sum(spatial, true).add(wb.sum(spatial, true)).add(cb.sum(spatial, true)),
            s.get(2) * s.get(3));
    return reweight.apply(ps, a, training).reshape(s.get(0), dim, 3).softmax(2);
  }

  /** One inner-region branch along {@code axis} (2 = rows, 3 = columns). */
  private NDArray branch(
      ParameterStore ps,
      NDArray x,
      int axis,
      Conv fc1,
      BatchNorm2d norm,
      Conv fc2,
      boolean training) {
    NDArray z = RegionLayout.toRegions(x, axis, region, step);
    z = Release.then(z, fc1.apply(ps, z, training));
    z = Release.then(z, norm.apply(ps, z, training));
    z = Release.then(z, Activation.relu(z));
    z = Release.then(z, fc2.apply(ps, z, training));
    return Release.then(z, RegionLayout.fromRegions(z, axis, region, step, x.getShape().get(axis)));
  }

  /** Multiply-accumulates for an H × W input. */
  public long macs(long h, long w) {
    long hp = RegionLayout.paddedLength(h, region);
    long wp = RegionLayout.paddedLength(w, region);
    long hBranch = mlpH1.macs(hp / region, w) + mlpH2.macs(hp / region, w);
    long wBranch = mlpW1.macs(h, wp / region) + mlpW2.macs(h, wp / region);
    return hBranch + wBranch + mlpC.macs(h, w) + reweight.macs(1) + proj.macs(h, w);
  }
}
