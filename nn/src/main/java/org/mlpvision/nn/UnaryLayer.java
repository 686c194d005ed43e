package org.mlpvision.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A layer with one tensor in and one out ({@link #apply}), like most of {@code torch.nn}: convs,
 * norms, MLPs, backbone blocks. DJL's {@code forward} takes and returns a singleton list.
 */
public abstract class UnaryLayer extends Layer {
  /** A unary layer. */
  protected UnaryLayer() {}

  /**
   * Runs the layer on one tensor (timed per layer class while a {@link LayerProfile} is active on
   * this thread).
   */
  public final NDArray apply(ParameterStore ps, NDArray x, boolean training) {
    LayerProfile profile = LayerProfile.current();
    if (profile == null) {
      return compute(ps, x, training);
    }
    long t0 = System.nanoTime();
    NDArray y = compute(ps, x, training);
    profile.add(getClass().getSimpleName(), System.nanoTime() - t0);
    return y;
  }

  /** The layer's computation on one tensor. */
  protected abstract NDArray compute(ParameterStore ps, NDArray x, boolean training);

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(apply(ps, inputs.singletonOrThrow(), training));
  }

  /** Output shape for an input shape; shape-preserving unless overridden. */
  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return inputShapes;
  }
}
