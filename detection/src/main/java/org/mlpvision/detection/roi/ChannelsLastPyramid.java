package org.mlpvision.detection.roi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * Feature levels converted once to the {@code (N·H·W, C)} gather tables {@link RoiAlign} reads, so
 * that several extractions from the same pyramid (three cascade stages, their mask heads) pay for
 * the layout change once.
 *
 * @param tables one channels-last table per level
 * @param shapes each level's original {@code (N,C,H,W)} shape
 */
public record ChannelsLastPyramid(List<NDArray> tables, List<Shape> shapes) {

  /** Converts {@code (N,C,H,W)} levels. */
  public static ChannelsLastPyramid of(List<NDArray> features) {
    List<NDArray> t = new ArrayList<>();
    List<Shape> s = new ArrayList<>();
    for (NDArray f : features) {
      if (f.getShape().dimension() != 4) {
        throw new IllegalArgumentException(
            "feature levels must have shape (N,C,H,W), got " + f.getShape());
      }
      t.add(RoiAlign.channelsLast(f));
      s.add(f.getShape());
    }
    return new ChannelsLastPyramid(List.copyOf(t), List.copyOf(s));
  }

  /** Number of levels. */
  public int size() {
    return tables.size();
  }
}
