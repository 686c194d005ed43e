package org.mlpvision.core.ops;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Arrays made from Java values whose memory libtorch owns.
 *
 * <p>On the CPU, DJL's {@code NDManager.create(...)} wraps a direct buffer that Java frees once the
 * handle is closed and the buffer collected, while a view or the autograd graph (an index saved by
 * a gather, a constant saved by a product) may still point into it: the backward pass then reads
 * freed memory (seen as {@code index 139860198539440 is out of bounds} in a training step). Layers
 * close their intermediates as soon as they return ({@code nn.UnaryLayer}), so every constant a
 * model makes from Java values goes through here: the values are copied once into a tensor libtorch
 * allocated, and the wrapper is closed at once.
 */
public final class HostArrays {
  private HostArrays() {}

  /** Indices ({@code int64}) on {@code device}. */
  public static NDArray longs(NDManager m, long[] values, Device device) {
    return owned(m.create(values), DataType.INT64, device);
  }

  /** Values of shape {@code shape} as {@code type} on {@code device}. */
  public static NDArray doubles(
      NDManager m, double[] values, Shape shape, DataType type, Device device) {
    return owned(m.create(values, shape), type, device);
  }

  /** Values of shape {@code shape} as {@code type} on {@code device}. */
  public static NDArray floats(
      NDManager m, float[] values, Shape shape, DataType type, Device device) {
    return owned(m.create(values, shape), type, device);
  }

  /**
   * {@code host} (just made from Java values, nothing else refers to it) converted to {@code type}
   * on {@code device} in memory libtorch owns; {@code host} is closed.
   */
  public static NDArray owned(NDArray host, DataType type, Device device) {
    NDArray typed = host.toType(type, false);
    NDArray placed = typed.toDevice(device, false);
    if (typed != host && typed != placed) {
      typed.close();
    }
    // toType and toDevice hand back their input when nothing changes: then copy.
    NDArray out = placed == host ? host.duplicate() : placed;
    host.close();
    return out;
  }
}
