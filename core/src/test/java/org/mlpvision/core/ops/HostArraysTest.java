package org.mlpvision.core.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Constants made from Java values stay valid for the backward pass after the scope that made them
 * closes (as a layer's scope does when it returns), with garbage collections and fresh allocations
 * in between that reuse freed memory; and they leave no direct buffer behind for the garbage
 * collector.
 */
class HostArraysTest {
  private static final long[] PICK = {3, 0, 3, 5, 1, 3};

  /** Gradient of sum(x[PICK] * w) for x of 6 ones, the index and weights made in a closed scope. */
  private static float[] gradient(BiFunction<NDManager, long[], NDArray> makeIndex) {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.ones(new Shape(6));
      x.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray y;
        try (NDManager scope = m.newSubManager()) {
          NDArray in = x.reshape(6);
          in.attach(scope);
          NDArray idx = makeIndex.apply(scope, PICK);
          NDArray w =
              HostArrays.floats(
                  scope,
                  new float[] {1, 2, 3, 4, 5, 6},
                  new Shape(6),
                  DataType.FLOAT32,
                  Device.cpu());
          y = in.get(new NDIndex("{}", idx)).mul(w).sum();
          y.attach(m);
        }
        scribble();
        gc.backward(y);
      }
      return x.getGradient().toFloatArray();
    }
  }

  /**
   * Lets Java free unreachable direct buffers and fills fresh ones, likely at the same addresses.
   */
  private static void scribble() {
    for (int round = 0; round < 3; round++) {
      System.gc();
      List<ByteBuffer> junk = new ArrayList<>();
      for (int i = 0; i < 256; i++) {
        ByteBuffer b = ByteBuffer.allocateDirect(48);
        while (b.hasRemaining()) {
          b.put((byte) 0x7f);
        }
        junk.add(b);
      }
      junk.clear();
    }
  }

  @Test
  void indicesAndWeightsMadeInAClosedScopeStayValidForTheBackwardPass() {
    // x[3] is picked with weights 1, 3 and 6; x[0] 2; x[5] 4; x[1] 5; x[2], x[4] never.
    for (int trial = 0; trial < 5; trial++) {
      assertThat(gradient((m, v) -> HostArrays.longs(m, v, Device.cpu())))
          .containsExactly(2, 5, 0, 10, 0, 4);
    }
  }

  @Test
  void ownedArraysTakeTheRequestedTypeAndDeviceAndCopyTheValues() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray d =
          HostArrays.doubles(
              m, new double[] {0.1, 2}, new Shape(2), DataType.FLOAT64, m.getDevice());
      assertThat(d.getDataType()).isEqualTo(DataType.FLOAT64);
      assertThat(d.toDoubleArray()).containsExactly(0.1, 2);
      NDArray f =
          HostArrays.doubles(
              m, new double[] {0.5, 2}, new Shape(1, 2), DataType.FLOAT32, m.getDevice());
      assertThat(f.getShape()).isEqualTo(new Shape(1, 2));
      assertThat(f.toFloatArray()).containsExactly(0.5f, 2f);
    }
  }

  @Test
  void manyArraysLeaveNoDirectBufferBehind() {
    try (NDManager m = NDManager.newBaseManager()) {
      float[] values = new float[4096];
      HostArrays.floats(m, values, new Shape(4096), DataType.FLOAT32, m.getDevice());
      long before = directBuffers();
      for (int i = 0; i < 200; i++) {
        values[i] = i;
        NDArray a = HostArrays.floats(m, values, new Shape(64, 64), DataType.FLOAT32, Device.cpu());
        assertThat(a.getFloat(i / 64, i % 64)).isEqualTo(i);
        a.close();
      }
      // DJL's create would have left one 16 KB direct buffer per array until a collection.
      assertThat(directBuffers() - before).isLessThanOrEqualTo(1);
    }
  }

  @Test
  void arraysKeepTheirValuesWhenTheStagingBufferIsReused() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray longs = HostArrays.longs(m, new long[] {7, -1, 1L << 40}, Device.cpu());
      NDArray ints =
          HostArrays.of(
              m,
              IntBuffer.wrap(new int[] {9, 1, 2, 3}).position(1),
              new Shape(3),
              DataType.INT32,
              Device.cpu());
      NDArray bytes =
          HostArrays.of(
              m,
              ByteBuffer.wrap(new byte[] {0, 1, (byte) 255, 1}),
              new Shape(2, 2),
              DataType.UINT8,
              Device.cpu());
      NDArray wide =
          HostArrays.doubles(
              m, new double[] {0.25, -3}, new Shape(2, 1), DataType.FLOAT64, Device.cpu());
      assertThat(longs.toLongArray()).containsExactly(7, -1, 1L << 40);
      assertThat(ints.toIntArray()).containsExactly(1, 2, 3);
      assertThat(bytes.getDataType()).isEqualTo(DataType.UINT8);
      assertThat(bytes.toUint8Array()).containsExactly(0, 1, 255, 1);
      assertThat(wide.getShape()).isEqualTo(new Shape(2, 1));
      assertThat(wide.toDoubleArray()).containsExactly(0.25, -3);
    }
  }

  @Test
  void valuesThatDoNotFillTheShapeAreRejected() {
    try (NDManager m = NDManager.newBaseManager()) {
      assertThatThrownBy(
              () -> HostArrays.longs(m, new long[] {1, 2, 3}, new Shape(2, 2), Device.cpu()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("3 values")
          .hasMessageContaining("(2, 2)");
    }
  }

  /** Direct buffers allocated and not yet freed in this process. */
  private static long directBuffers() {
    return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
        .filter(b -> b.getName().equals("direct"))
        .mapToLong(BufferPoolMXBean::getCount)
        .sum();
  }
}
