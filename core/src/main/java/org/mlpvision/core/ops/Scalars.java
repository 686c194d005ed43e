package org.mlpvision.core.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Scalar operands for arithmetic under autograd.
 *
 * <p>DJL's {@code mul(Number)}, {@code div(Number)}, {@code maximum(Number)} and friends wrap the
 * number in a temporary array over Java-owned memory and close it as soon as the op returns. On the
 * CPU that buffer can be garbage-collected while autograd still holds it for the backward pass,
 * which then reads freed memory (reproduced: {@code x.div(3)}, a GC, then backward gives an
 * infinite gradient). A scalar created here is a tensor libtorch allocated, in the operand's
 * manager, so closing its handle early is harmless too.
 */
public final class Scalars {
  private Scalars() {}

  /** A 0-d array holding {@code value} in {@code like}'s manager, data type and device. */
  public static NDArray like(NDArray like, double value) {
    if (like.getDataType() == DataType.FLOAT32) {
      // One native call, in memory libtorch owns, for the common case.
      return like.getManager()
          .full(new Shape(), (float) value, DataType.FLOAT32)
          .toDevice(like.getDevice(), false);
    }
    // Wider types get the double itself (float64 parity runs).
    return HostArrays.owned(like.getManager().create(value), like.getDataType(), like.getDevice());
  }

  /** {@code x * value}, safe under autograd. */
  public static NDArray mul(NDArray x, double value) {
    return x.mul(like(x, value));
  }

  /** {@code x - value}, safe under autograd. */
  public static NDArray sub(NDArray x, double value) {
    return x.sub(like(x, value));
  }

  /** {@code x / value}, safe under autograd. */
  public static NDArray div(NDArray x, double value) {
    return x.div(like(x, value));
  }

  /** {@code max(x, value)} element-wise, safe under autograd. */
  public static NDArray maximum(NDArray x, double value) {
    return x.maximum(like(x, value));
  }
}
