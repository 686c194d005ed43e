package org.mlpvision.gpu;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;

/**
 * First tensor operations on the engine's default device (or the device named as the argument,
 * e.g. {@code cpu}, {@code gpu0}), each compared with the same operation on the CPU.
 *
 * <p>Every step prints its name before it runs, so when the native library fails (an
 * UnsatisfiedLinkError, a "symbol lookup error" that ends the process, a CUDA error) the last
 * line printed names the call that failed. Exit status 0 when every step ran and matched the CPU.
 */
public final class Smoke {
  private static String current = "(none)";

  private Smoke() {}

  private static void step(String name) {
    current = name;
    System.out.println("smoke: " + name + " ...");
    System.out.flush();
  }

  /**
   * Largest absolute difference between the device result and the CPU result, relative to the
   * largest CPU magnitude (GPUs may use TF32 for convolutions, so the tolerance is loose: the
   * check is there to catch wrong results from a mismatched library, not rounding).
   */
  private static float relDiff(NDArray onDevice, NDArray onCpu) {
    NDArray x = onDevice.toDevice(Device.cpu(), true);
    return x.sub(onCpu).abs().max().getFloat() / (onCpu.abs().max().getFloat() + 1e-12f);
  }

  private static void check(String what, float diff, float tolerance) {
    System.out.printf(
        "smoke:   %s: max |device - cpu| / max |cpu| = %.3g (tolerance %.0e)%n",
        what, diff, tolerance);
    if (!(diff <= tolerance)) {
      throw new IllegalStateException(what + " differs from the CPU result by " + diff);
    }
  }

  public static void main(String[] args) {
    try {
      step("Engine.getInstance() (loads libtorch and libdjl_torch)");
      Engine engine = Engine.getInstance();
      System.out.printf(
          "smoke:   engine %s %s, gpu count %d, default device %s%n",
          engine.getEngineName(), engine.getVersion(), engine.getGpuCount(), engine.defaultDevice());
      Device device = args.length > 0 ? Device.fromName(args[0]) : engine.defaultDevice();
      System.out.println("smoke:   device under test: " + device);
      try (NDManager cm = NDManager.newBaseManager(Device.cpu())) {
        step("create a float32 tensor on the CPU (NDManager.randomNormal) and read its type");
        NDArray hostA = cm.randomNormal(new Shape(256, 256));
        System.out.printf(
            "smoke:   libtorch reports dtype %s, shape %s%n",
            hostA.getDataType(), hostA.getShape());
        if (hostA.getDataType() != DataType.FLOAT32 || !hostA.getShape().equals(new Shape(256, 256))) {
          throw new IllegalStateException(
              "asked for float32 (256, 256), libtorch reports "
                  + hostA.getDataType()
                  + " "
                  + hostA.getShape()
                  + ": the JNI and this libtorch disagree on the tensor ABI");
        }
        hostA.toFloatArray();

        step("copy the tensor to " + device + " (NDArray.toDevice)");
        NDArray a = hostA.toDevice(device, true);
        a.toFloatArray();

        step("matmul on " + device);
        NDArray prod = a.matMul(a);
        check("matmul 256x256", relDiff(prod, hostA.matMul(hostA)), 1e-2f);

        step("conv2d on " + device);
        NDArray hostX = cm.randomNormal(new Shape(2, 8, 32, 32));
        NDArray hostW = cm.randomNormal(new Shape(16, 8, 3, 3));
        NDArray y =
            Conv2d.conv2d(hostX.toDevice(device, true), hostW.toDevice(device, true))
                .singletonOrThrow();
        check(
            "conv2d 2x8x32x32 * 16x8x3x3",
            relDiff(y, Conv2d.conv2d(hostX, hostW).head()),
            1e-2f);

        step("softmax and mean on " + device);
        NDArray s = a.softmax(1).mean(new int[] {0});
        check("softmax+mean", relDiff(s, hostA.softmax(1).mean(new int[] {0})), 1e-4f);

        step("backward (GradientCollector) on " + device);
        NDArray g = gradientOfSquareSum(engine, a);
        NDArray hostG = gradientOfSquareSum(engine, hostA.duplicate());
        check("d/da sum((a@a)^2)", relDiff(g, hostG), 1e-2f);
      }
      step("done");
      System.out.println("smoke: OK: every step ran on " + device + " and matched the CPU");
    } catch (Throwable t) {
      System.out.println("smoke: FAILED at step: " + current);
      System.out.println("smoke: " + t);
      for (Throwable c = t.getCause(); c != null; c = c.getCause()) {
        System.out.println("smoke:   caused by " + c);
      }
      t.printStackTrace(System.out);
      System.exit(1);
    }
  }

  private static NDArray gradientOfSquareSum(Engine engine, NDArray a) {
    a.setRequiresGradient(true);
    try (GradientCollector gc = engine.newGradientCollector()) {
      NDArray p = a.matMul(a);
      gc.backward(p.mul(p).sum());
    }
    return a.getGradient();
  }
}
