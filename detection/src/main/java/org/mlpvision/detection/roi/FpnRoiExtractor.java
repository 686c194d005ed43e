package org.mlpvision.detection.roi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.mlpvision.backbone.FeatureSpec;

/**
 * mmdet's {@code SingleRoIExtractor}: each RoI is pooled by {@link RoiAlign} from the pyramid level
 * {@link FpnLevelMapper} picks, at {@code spatialScale = 1/stride}; results come back in the RoIs'
 * order.
 */
public final class FpnRoiExtractor {
  private final int[] strides;
  private final RoiAlign[] aligners;
  private final FpnLevelMapper mapper;
  private final int out;

  /**
   * @param out output size (7 for boxes, 14 for masks)
   * @param strides the strides of the levels read (4, 8, 16, 32)
   * @param samplingRatio RoIAlign sampling ratio, 0 for adaptive
   * @param mapper the level mapping
   */
  public FpnRoiExtractor(int out, int[] strides, int samplingRatio, FpnLevelMapper mapper) {
    if (strides.length != mapper.numLevels()) {
      throw new IllegalArgumentException(
          "strides ("
              + strides.length
              + ") must match the mapper's levels ("
              + mapper.numLevels()
              + ")");
    }
    this.out = out;
    this.strides = strides.clone();
    this.mapper = mapper;
    this.aligners = new RoiAlign[strides.length];
    for (int l = 0; l < strides.length; l++) {
      aligners[l] = new RoiAlign(out, out, 1.0 / strides[l], samplingRatio, true);
    }
  }

  /**
   * mmdet's {@code SingleRoIExtractor}: finest scale 56, aligned, adaptive sampling, reading the
   * given pyramid levels at their strides ({@code featmap_strides}).
   */
  public static FpnRoiExtractor mmdet(int out, List<FeatureSpec> levels) {
    int[] strides = levels.stream().mapToInt(FeatureSpec::stride).toArray();
    return new FpnRoiExtractor(out, strides, 0, FpnLevelMapper.mmdet(strides.length));
  }

  /**
   * @param features one {@code (N,C,H_l,W_l)} map per level (extra levels are ignored)
   * @param rois {@code (K,5)}
   * @return {@code (K,C,out,out)}
   */
  public NDArray apply(List<NDArray> features, NDArray rois) {
    if (features.size() < strides.length) {
      throw new IllegalArgumentException(
          "need " + strides.length + " feature levels, got " + features.size());
    }
    return apply(FeatureTables.of(features.subList(0, strides.length)), rois);
  }

  /**
   * {@link #apply(List, NDArray)} on levels whose layout changes are kept for the next call.
   *
   * @param tables at least as many levels as strides
   * @param rois {@code (K,5)}
   * @return {@code (K,C,out,out)}
   */
  public NDArray apply(FeatureTables tables, NDArray rois) {
    if (tables.size() < strides.length) {
      throw new IllegalArgumentException(
          "need " + strides.length + " feature levels, got " + tables.size());
    }
    double[] host = RoiAlign.hostRois(rois);
    int k = host.length / 5;
    int[] levels = mapper.levels(host);
    NDArray first = tables.features(0);
    if (k > 0 && tables.onHost() && !RoiAlign.recording(first)) {
      // One pass over all levels, written in RoI order: no per-level results to merge.
      RoiAlign.Sampling[] s = new RoiAlign.Sampling[k];
      for (int r = 0; r < k; r++) {
        s[r] = aligners[levels[r]].sampling(host, r, tables.shape(levels[r]));
      }
      return HostPool.pool(tables, levels, s, out, out);
    }
    NDManager mgr = first.getManager();
    long c = tables.shape(0).get(1);
    NDList parts = new NDList();
    long[] order = new long[k];
    int done = 0;
    for (int l = 0; l < strides.length; l++) {
      int count = 0;
      for (int lv : levels) {
        count += lv == l ? 1 : 0;
      }
      if (count == 0) {
        continue;
      }
      double[] sub = new double[5 * count];
      int q = 0;
      for (int r = 0; r < k; r++) {
        if (levels[r] == l) {
          System.arraycopy(host, 5 * r, sub, 5 * q, 5);
          order[done + q] = r;
          q++;
        }
      }
      parts.add(aligners[l].pool(tables, l, sub, RoiAlign.Forward.FASTEST));
      done += count;
    }
    if (parts.isEmpty()) {
      return mgr.zeros(new Shape(0, c, out, out), first.getDataType(), first.getDevice());
    }
    NDArray stacked = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
    long[] inverse = new long[k];
    for (int i = 0; i < k; i++) {
      inverse[(int) order[i]] = i;
    }
    return stacked.get(new NDIndex("{}", mgr.create(inverse).toDevice(first.getDevice(), false)));
  }
}
