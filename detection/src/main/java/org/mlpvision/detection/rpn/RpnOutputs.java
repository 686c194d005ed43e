package org.mlpvision.detection.rpn;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * The RPN head's raw outputs, one tensor per pyramid level.
 *
 * @param cls {@code (N, A, H, W)} objectness logits (channel a for anchor a)
 * @param reg {@code (N, 4A, H, W)} deltas (channels 4a..4a+3 for anchor a)
 */
public record RpnOutputs(List<NDArray> cls, List<NDArray> reg) {
  /** Copies the lists. */
  public RpnOutputs {
    cls = List.copyOf(cls);
    reg = List.copyOf(reg);
  }

  /** Image {@code i}'s logits of one level in (y, x, anchor) order: {@code (H·W·A)}. */
  public NDArray flatLogits(int level, int i) {
    return cls.get(level).get(i).transpose(1, 2, 0).reshape(-1);
  }

  /** Image {@code i}'s deltas of one level in (y, x, anchor) order: {@code (H·W·A, 4)}. */
  public NDArray flatDeltas(int level, int i) {
    return reg.get(level).get(i).transpose(1, 2, 0).reshape(-1, 4);
  }
}
