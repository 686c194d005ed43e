package org.mlpvision.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A layer with one tensor in and one out ({@link #apply}), like most of {@code torch.nn}: convs,
 * norms, MLPs, backbone blocks. DJL's {@code forward} takes and returns a singleton list.
 *
 * <p>A layer built from children releases the intermediate tensors of {@link #compute} when {@code
 * apply} returns; only the output stays, in the input's manager. Python frees a temporary as soon
 * as its last reference goes, so the next allocation reuses warm memory; without this scope every
 * intermediate of a whole forward would stay alive until the caller's manager closes, and each new
 * tensor would land on fresh pages. Autograd keeps its own references to the tensors the backward
 * pass needs, so releasing the handles is safe in training too, with one exception: an array DJL
 * made from Java values points into a Java buffer that closing its handle lets Java free, so such
 * constants must be made with {@code core.ops.HostArrays} or {@code Scalars}. Leaf layers (one op
 * on parameters) have no intermediates and skip the scope. A {@code compute} that keeps an array
 * beyond its return (in a field, for a later loss) must attach it to a longer-lived manager itself.
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
      return scoped(ps, x, training);
    }
    long t0 = System.nanoTime();
    NDArray y = scoped(ps, x, training);
    profile.add(getClass().getSimpleName(), System.nanoTime() - t0);
    return y;
  }

  private NDArray scoped(ParameterStore ps, NDArray x, boolean training) {
    if (children.isEmpty()) {
      return compute(ps, x, training);
    }
    NDManager owner = x.getManager();
    try (NDManager scope = owner.newSubManager()) {
      // Results of ops join their first operand's manager, so computing on a view of x that lives
      // in the scope puts every intermediate there. (x itself stays put: with nested layers, DJL's
      // temporary attach would hand it to the inner scope and close it with the outer one.)
      NDArray in = x.reshape(x.getShape());
      in.attach(scope);
      NDArray y = compute(ps, in, training);
      y.attach(owner);
      return y;
    }
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
