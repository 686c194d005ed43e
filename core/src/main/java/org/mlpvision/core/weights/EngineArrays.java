package org.mlpvision.core.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Creates engine arrays from checkpoint bytes. bfloat16 becomes float32 on the host first (exact:
 * the 16 bits are the high half of the float32), because DJL 0.35.1's PyTorch engine aborts the
 * whole process on any bfloat16 array it creates or converts to.
 */
final class EngineArrays {
  private EngineArrays() {}

  /**
   * An array of {@code type} (float32 for bfloat16) holding {@code bytes} (little-endian, C order)
   * from the position to the limit.
   */
  static NDArray create(NDManager manager, ByteBuffer bytes, long[] shape, DataType type) {
    ByteBuffer src = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
    if (type != DataType.BFLOAT16) {
      return manager.create(src.order(ByteOrder.nativeOrder()), new Shape(shape), type);
    }
    int n = src.remaining() / 2;
    float[] wide = new float[n];
    for (int i = 0; i < n; i++) {
      wide[i] = Float.intBitsToFloat((src.getShort(2 * i) & 0xffff) << 16);
    }
    return manager.create(wide, new Shape(shape));
  }
}
