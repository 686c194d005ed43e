package org.mlpvision.backbone.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An ordered list of modules named {@code 0, 1, ...}, like {@code torch.nn.Sequential}; applying it
 * runs them in order. It exists so that state-dict names such as {@code network.2.0.norm1.weight}
 * come out of the block tree.
 */
public final class ModuleList<M extends Module> extends Module {
  private final List<M> items = new ArrayList<>();

  /** An empty list. */
  public ModuleList() {}

  /** Appends {@code m} under the next index. */
  public M add(M m) {
    items.add(addChildBlock(Integer.toString(items.size()), m));
    return m;
  }

  /** The modules in order. */
  public List<M> items() {
    return Collections.unmodifiableList(items);
  }

  @Override
  protected NDArray compute(ParameterStore ps, NDArray x, boolean training) {
    NDArray y = x;
    for (M m : items) {
      y = m.apply(ps, y, training);
    }
    return y;
  }
}
