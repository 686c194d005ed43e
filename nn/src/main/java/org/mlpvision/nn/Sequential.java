package org.mlpvision.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Unary layers named {@code 0, 1, ...} applied in order, like {@code torch.nn.Sequential}; the
 * names make state-dict keys such as {@code network.2.0.norm1.weight}.
 *
 * @param <M> the item type
 */
public final class Sequential<M extends UnaryLayer> extends UnaryLayer {
  private final List<M> items = new ArrayList<>();

  /** An empty sequence. */
  public Sequential() {}

  /** Appends {@code m} under the next index. */
  public M add(M m) {
    items.add(addChildBlock(Integer.toString(items.size()), m));
    return m;
  }

  /** The layers in order. */
  public List<M> items() {
    return Collections.unmodifiableList(items);
  }

  @Override
  protected NDArray compute(ParameterStore ps, NDArray x, boolean training) {
    NDArray y = x;
    for (M m : items) {
      NDArray next = m.apply(ps, y, training);
      // Each item's output is freed once the next item has consumed it (never the input x).
      y = y == x ? next : Release.then(y, next);
    }
    return y;
  }
}
