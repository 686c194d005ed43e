package org.mlpvision.nn;

import ai.djl.ndarray.NDArray;

/**
 * Frees a layer's intermediate tensors as soon as the next op has consumed them, the way Python
 * drops a temporary when its last reference goes: the allocator then hands the same warm memory to
 * the next tensor instead of fresh pages. Closing the handle of an op's result never frees what
 * autograd saved for the backward pass (it holds its own reference), so this is safe in training
 * too; arrays made from Java values are another matter (see {@code core.ops.HostArrays}).
 */
public final class Release {
  private Release() {}

  /**
   * Returns {@code next} after closing {@code consumed}, an intermediate the caller made and
   * nothing else uses (never the caller's own input); nothing is closed when an op handed back its
   * input unchanged.
   */
  public static NDArray then(NDArray consumed, NDArray next) {
    if (next != consumed) {
      consumed.close();
    }
    return next;
  }
}
