package org.mlpvision.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Layers named {@code 0, 1, ...} that the owner calls one by one, like {@code torch.nn.ModuleList}
 * (an FPN's {@code lateral_convs}, the cascade's {@code bbox_head}): a container for state-dict
 * names, with no forward of its own.
 *
 * @param <M> the item type
 */
public final class LayerList<M extends Layer> extends Layer {
  private final List<M> items = new ArrayList<>();

  /** An empty list. */
  public LayerList() {}

  /** Appends {@code m} under the next index. */
  public M add(M m) {
    items.add(addChildBlock(Integer.toString(items.size()), m));
    return m;
  }

  /** Item {@code i}. */
  public M get(int i) {
    return items.get(i);
  }

  /** Number of items. */
  public int size() {
    return items.size();
  }

  /** The layers in order. */
  public List<M> items() {
    return Collections.unmodifiableList(items);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    // As torch's ModuleList: the owner decides how the items are called.
    throw new IllegalStateException("a LayerList has no forward; call its items");
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    throw new IllegalStateException("a LayerList has no forward; ask its items");
  }
}
