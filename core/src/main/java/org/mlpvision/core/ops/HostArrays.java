package org.mlpvision.core.ops;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;

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
 *
 * <p>The values reach libtorch through one direct buffer per thread, reused from call to call.
 * DJL's {@code create} allocates a fresh direct buffer for every array instead, which only the
 * garbage collector frees: in a detection step (megabytes of RoIAlign sampling indices, targets,
 * the batch) that memory piled up between collections, and in the native allocator's arenas it grew
 * the process by half a gigabyte and more over a few hundred iterations.
 */
public final class HostArrays {
  /** The largest array staged through the reused buffer; larger ones get a buffer of their own. */
  static final int MAX_STAGED_BYTES = 64 << 20;

  private static final ThreadLocal<ByteBuffer> STAGING = new ThreadLocal<>();

  private HostArrays() {}

  /** Indices ({@code int64}) on {@code device}. */
  public static NDArray longs(NDManager m, long[] values, Device device) {
    return longs(m, values, new Shape(values.length), device);
  }

  /** Indices ({@code int64}) of shape {@code shape} on {@code device}. */
  public static NDArray longs(NDManager m, long[] values, Shape shape, Device device) {
    return of(m, LongBuffer.wrap(values), shape, DataType.INT64, device);
  }

  /** Values of shape {@code shape} as {@code type} on {@code device}. */
  public static NDArray doubles(
      NDManager m, double[] values, Shape shape, DataType type, Device device) {
    return of(m, DoubleBuffer.wrap(values), shape, type, device);
  }

  /** Values of shape {@code shape} as {@code type} on {@code device}. */
  public static NDArray floats(
      NDManager m, float[] values, Shape shape, DataType type, Device device) {
    return of(m, FloatBuffer.wrap(values), shape, type, device);
  }

  /**
   * The values between {@code values}' position and limit (a float, double, int or long buffer, or
   * bytes read as {@code uint8}) of shape {@code shape}, as {@code type} on {@code device}.
   */
  public static NDArray of(NDManager m, Buffer values, Shape shape, DataType type, Device device) {
    return owned(staged(m, values, shape), type, device);
  }

  /**
   * A wrapper of {@code values} over this thread's staging buffer, valid until the next staging:
   * the caller copies it into memory libtorch owns and closes it at once.
   */
  private static NDArray staged(NDManager m, Buffer values, Shape shape) {
    DataType type = stagedType(values);
    long bytes = (long) values.remaining() * type.getNumOfBytes();
    if (values.remaining() != shape.size()) {
      throw new IllegalArgumentException(
          values.remaining() + " values do not fill an array of shape " + shape);
    }
    if (bytes > MAX_STAGED_BYTES) {
      return m.create(values, shape, type);
    }
    ByteBuffer b = STAGING.get();
    if (b == null || b.capacity() < bytes) {
      int grown =
          (int)
              Math.min(
                  MAX_STAGED_BYTES, Math.max(bytes, 2L * (b == null ? 1 << 15 : b.capacity())));
      b = ByteBuffer.allocateDirect(grown).order(ByteOrder.nativeOrder());
      STAGING.set(b);
    }
    // libtorch reads from the buffer's start, whatever its position.
    b.clear();
    Buffer src = values.duplicate();
    if (src instanceof FloatBuffer f) {
      b.asFloatBuffer().put(f);
    } else if (src instanceof DoubleBuffer d) {
      b.asDoubleBuffer().put(d);
    } else if (src instanceof LongBuffer l) {
      b.asLongBuffer().put(l);
    } else if (src instanceof IntBuffer i) {
      b.asIntBuffer().put(i);
    } else {
      b.put((ByteBuffer) src);
    }
    b.clear().limit((int) bytes);
    return m.create(b, shape, type);
  }

  private static DataType stagedType(Buffer values) {
    if (values instanceof FloatBuffer) {
      return DataType.FLOAT32;
    }
    if (values instanceof DoubleBuffer) {
      return DataType.FLOAT64;
    }
    if (values instanceof LongBuffer) {
      return DataType.INT64;
    }
    if (values instanceof IntBuffer) {
      return DataType.INT32;
    }
    if (values instanceof ByteBuffer) {
      return DataType.UINT8;
    }
    throw new IllegalArgumentException("cannot stage a " + values.getClass().getSimpleName());
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
