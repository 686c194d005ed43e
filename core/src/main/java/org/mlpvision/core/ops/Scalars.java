package org.mlpvision.core.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Scalar operands for arithmetic under autograd.
 *
 * <p>DJL's {@code mul(Number)}, {@code div(Number)}, {@code maximum(Number)} and friends wrap the
 * number in a temporary array over Java-owned memory and close it as soon as the op returns. On the
 * CPU that buffer can be garbage-collected while autograd still holds it for the backward pass,
 * which then reads freed memory (reproduced: {@code x.div(3)}, a GC, then backward gives an
 * infinite gradient). A scalar created here lives in the operand's manager, so it stays alive until
 * that scope closes, after the backward pass.
 */
public final class Scalars {
  private Scalars() {}

  /** A 0-d array holding {@code value} in {@code like}'s manager, data type and device. */
  public static NDArray like(NDArray like, double value) {
    NDArray scalar =
        like.getDataType() == DataType.FLOAT32
            ? like.getManager().create((float) value) // no conversion op for the common case
            : like.getManager().create(value).toType(like.getDataType(), false);
    return scalar.toDevice(like.getDevice(), false);
  }

  /** {@code x * value}, safe under autograd. */
  public static NDArray mul(NDArray x, double value) {
    return x.mul(like(x, value));
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
