package org.mlpvision.detection.roi;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Feature levels in the channels-last layouts {@link RoiAlign} reads, each made on first use and
 * kept: the {@code (N·H·W, C)} table as an NDArray (autograd and non-CPU paths) and as host floats
 * (the CPU inference path, which fills it in while pooling). Several extractions from one pyramid
 * (three cascade stages and their mask heads) then pay for each layout change once. Not
 * thread-safe.
 */
public final class FeatureTables {
  private final List<NDArray> features;
  private final NDArray[] tables;
  private final float[][] hostTables;

  private FeatureTables(List<NDArray> features) {
    this.features = features;
    this.tables = new NDArray[features.size()];
    this.hostTables = new float[features.size()][];
  }

  /**
   * Wraps {@code (N,C,H,W)} levels that share {@code N} and {@code C}; nothing is converted yet.
   */
  public static FeatureTables of(List<NDArray> features) {
    if (features.isEmpty()) {
      throw new IllegalArgumentException("need at least one feature level");
    }
    Shape first = features.get(0).getShape();
    for (int l = 0; l < features.size(); l++) {
      Shape s = features.get(l).getShape();
      if (s.dimension() != 4) {
        throw new IllegalArgumentException(
            "feature levels must have shape (N,C,H,W), got " + s + " at level " + l);
      }
      if (s.get(0) != first.get(0) || s.get(1) != first.get(1)) {
        throw new IllegalArgumentException(
            "feature levels must share N and C: level 0 is " + first + ", level " + l + " is " + s);
      }
    }
    return new FeatureTables(List.copyOf(features));
  }

  /** Number of levels. */
  public int size() {
    return features.size();
  }

  /** Level {@code l}'s {@code (N,C,H,W)} shape. */
  public Shape shape(int l) {
    return features.get(l).getShape();
  }

  NDArray features(int l) {
    return features.get(l);
  }

  /** Whether the host forward can read these levels: float32 on the CPU. */
  boolean onHost() {
    NDArray f = features.get(0);
    return Device.Type.CPU.equals(f.getDevice().getDeviceType())
        && f.getDataType() == DataType.FLOAT32;
  }

  /** Level {@code l} as an {@code (N·H·W, C)} NDArray on the features' device. */
  NDArray table(int l) {
    if (tables[l] == null) {
      NDArray f = features.get(l);
      Shape s = f.getShape();
      // Flattening fully forces a contiguous copy; a strided view would make every gather slow.
      tables[l] =
          f.transpose(0, 2, 3, 1).reshape(-1).reshape(s.get(0) * s.get(2) * s.get(3), s.get(1));
      // Kept for later extractions: it must outlive any NDScope the first one ran in.
      NDScope.unregister(tables[l]);
    }
    return tables[l];
  }

  /** Level {@code l} as channels-last host floats, or null until {@link HostPool} made it. */
  float[] hostTable(int l) {
    return hostTables[l];
  }

  /** Keeps the host copy {@link HostPool} made of level {@code l}. */
  void keepHostTable(int l, float[] table) {
    hostTables[l] = table;
  }
}
